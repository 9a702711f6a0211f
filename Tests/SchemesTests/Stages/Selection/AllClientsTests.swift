import Schemes
import SimCore
import Testing

struct AllClientsTests {
  @Test func selectsEveryClientAscendingWithoutRandomness() {
    let context = SelectionContext(
      round: 1, clientCount: 5, clientsPerRound: 2, reputation: .neutral(clientCount: 5),
      stakes: Array(repeating: 1, count: 5))
    var generator = Xoshiro256StarStar(seed: 1)
    var untouched = generator
    let selected = AllClients().select(context, using: &generator)
    #expect(selected == (0..<5).map(ClientID.init))
    #expect(generator.next() == untouched.next())
    #expect(AllClients().description == "all")
  }
}
