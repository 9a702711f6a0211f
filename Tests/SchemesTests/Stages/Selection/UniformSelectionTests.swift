import Schemes
import SimCore
import Testing

struct UniformSelectionTests {
  private func context(clients: Int, perRound: Int) -> SelectionContext {
    SelectionContext(
      round: 1, clientCount: clients, clientsPerRound: perRound,
      reputation: .neutral(clientCount: clients), stakes: Array(repeating: 1, count: clients))
  }

  @Test(arguments: [(1, 100, 10), (7, 30, 3), (42, 5, 5), (9, 12, 0)] as [(UInt64, Int, Int)])
  func matchesTheSchemesDirectSampling(seed: UInt64, clients: Int, perRound: Int) {
    // Before stages, the server and the contract called sampleIndices directly;
    // the stage must draw the same clients and leave the generator in the same state.
    var viaStage = Xoshiro256StarStar(seed: seed)
    var direct = Xoshiro256StarStar(seed: seed)
    for _ in 0..<3 {
      let selected = UniformSelection().select(
        context(clients: clients, perRound: perRound), using: &viaStage)
      let expected = direct.sampleIndices(perRound, from: clients).map(ClientID.init)
      #expect(selected == expected, "seed \(seed)")
    }
    #expect(viaStage.next() == direct.next(), "seed \(seed)")
  }

  @Test func sameSeedSameClientsOtherSeedOtherClients() {
    func draw(seed: UInt64) -> [ClientID] {
      var generator = Xoshiro256StarStar(seed: seed)
      return UniformSelection().select(context(clients: 100, perRound: 10), using: &generator)
    }
    let first = draw(seed: 3)
    #expect(first == draw(seed: 3))
    #expect(first != draw(seed: 4))
    #expect(Set(first).count == 10 && first == first.sorted { $0.index < $1.index })
    #expect(UniformSelection().description == "uniform")
  }
}
