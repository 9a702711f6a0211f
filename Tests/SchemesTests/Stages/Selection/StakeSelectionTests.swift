import Schemes
import SimCore
import Testing

struct StakeSelectionTests {
  private func context(stakes: [Double], perRound: Int) -> SelectionContext {
    SelectionContext(
      round: 1, clientCount: stakes.count, clientsPerRound: perRound,
      reputation: .neutral(clientCount: stakes.count), stakes: stakes)
  }

  @Test func singleDrawFrequenciesFollowStake() {
    // Stakes 0, 1, 2, 3, 4 (total 10): client i is drawn first with probability i/10.
    // Over n = 20,000 draws a frequency's standard deviation is at most √(0.4 · 0.6 / n) ≈ 0.0035,
    // so a tolerance of 0.015 is over 4σ (a seed-independent pass), while picking uniformly
    // (0.25 each among the positive stakes) would miss by at least 0.05.
    let stakes: [Double] = [0, 1, 2, 3, 4]
    let draws = 20_000
    var generator = Xoshiro256StarStar(seed: 2024)
    var counts = Array(repeating: 0, count: stakes.count)
    for _ in 0..<draws {
      let selected = StakeSelection().select(
        context(stakes: stakes, perRound: 1), using: &generator)
      counts[selected[0].index] += 1
    }
    #expect(counts[0] == 0)
    for client in 1..<stakes.count {
      let frequency = Double(counts[client]) / Double(draws)
      #expect(abs(frequency - stakes[client] / 10) < 0.015, "client \(client): \(frequency)")
    }
  }

  @Test func drawsAreDistinctAndSkipZeroStakes() {
    let stakes: [Double] = [3, 0, 1, 0, 5, 2, 0, 4]
    var generator = Xoshiro256StarStar(seed: 8)
    for trial in 0..<500 {
      let selected = StakeSelection().select(
        context(stakes: stakes, perRound: 5), using: &generator)
      #expect(selected.count == 5, "trial \(trial)")
      #expect(Set(selected).count == 5, "trial \(trial)")
      #expect(selected.allSatisfy { stakes[$0.index] > 0 }, "trial \(trial): \(selected)")
    }
  }

  @Test func zeroStakesFillOnlyOnceThePositiveOnesAreGone() {
    // Two positive stakes, four picks: the first two are clients 1 and 3 in some order, the rest
    // two of the zero-stake clients 0, 2, 4, drawn uniformly.
    let stakes: [Double] = [0, 5, 0, 1, 0]
    var generator = Xoshiro256StarStar(seed: 13)
    var zeroPicks = Set<Int>()
    for trial in 0..<200 {
      let selected = StakeSelection().select(
        context(stakes: stakes, perRound: 4), using: &generator)
      #expect(Set(selected.prefix(2).map(\.index)) == [1, 3], "trial \(trial): \(selected)")
      #expect(Set(selected).count == 4, "trial \(trial)")
      for client in selected.dropFirst(2) { zeroPicks.insert(client.index) }
    }
    #expect(zeroPicks == [0, 2, 4])
  }

  @Test func eachWeightedDrawUsesOneNumberAndWalksTheCumulativeSum() {
    let stakes: [Double] = [1, 0, 2, 3]
    var generator = Xoshiro256StarStar(seed: 99)
    var replay = generator
    let selected = StakeSelection().select(context(stakes: stakes, perRound: 1), using: &generator)
    // x = u · 6 against the cumulative stakes 1 (client 0), 3 (client 2), 6 (client 3).
    let x = replay.nextUnitDouble() * 6
    let expected = x < 1 ? 0 : x < 3 ? 2 : 3
    #expect(selected == [ClientID(expected)])
    #expect(generator.next() == replay.next())
  }

  @Test func sameSeedSameDraws() {
    func draw() -> [ClientID] {
      var generator = Xoshiro256StarStar(seed: 77)
      return StakeSelection().select(
        context(stakes: [1, 2, 3, 4, 5, 6], perRound: 3), using: &generator)
    }
    #expect(draw() == draw())
    #expect(StakeSelection().description == "stake")
  }
}
