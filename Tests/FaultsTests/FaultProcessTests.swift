import SimCore
import Testing

@testable import Faults

/// A random fault process's walks: alternating changes inside the window, the same for the same
/// seed and element whatever the other elements, and the long-run down fraction
/// mttr / (mtbf + mttr).
struct FaultProcessTests {
  /// The changes of the element at `position`, at most `limit` of them.
  private func changes(
    _ process: FaultProcess, position: Int = 0, faultIndex: Int = 0, seed: UInt64 = 7,
    limit: Int = 10_000
  ) -> [FaultElement.Change] {
    var walk = process.walk(
      of: position, faultIndex: faultIndex, streams: RandomStreams(seed: seed))
    var found: [FaultElement.Change] = []
    while found.count < limit, let change = walk.next() { found.append(change) }
    return found
  }

  private func crashes(
    _ nodes: [Int], mtbf: SimDuration = .seconds(600), mttr: SimDuration = .seconds(60),
    from: SimDuration = .zero, until: SimDuration? = nil
  ) -> FaultProcess {
    FaultProcess(
      targets: .nodes(nodes.map(NodeID.init)), meanTimeBetweenFailures: mtbf,
      meanTimeToRepair: mttr, from: from, until: until)
  }

  @Test func changesAlternateDownThenUpInsideTheWindowAndEndUpAtUntil() {
    // From 100 s until 10,000 s with means 600 s and 60 s: about 9,900 / 660 = 15 cycles.
    let process = crashes([0], from: .seconds(100), until: .seconds(10_000))
    let found = changes(process)
    #expect(found.count > 10)
    for (k, change) in found.enumerated() {
      #expect(change.isUp == (k % 2 == 1), "change \(k) at \(change.time)")
    }
    #expect(found.first.map { $0.time > .seconds(100) } == true)
    #expect(zip(found, found.dropFirst()).allSatisfy { $0.time < $1.time })
    // Every walk ends with its element up, by `until` at the latest.
    #expect(found.last?.isUp == true)
    #expect(found.last.map { $0.time <= .seconds(10_000) } == true)
  }

  @Test func anElementDownAtUntilComesBackThen() {
    // Up for a mean 1 s, down for a mean 3·10⁹ s: the first failure comes before 1,000 s but
    // with probability e^(−1000), and its repair falls after 1,000 s but with probability
    // 1 − e^(−1000/3·10⁹) ≈ 3·10⁻⁷.
    let process = crashes(
      [0], mtbf: .seconds(1), mttr: .seconds(3_000_000_000), until: .seconds(1_000))
    let found = changes(process)
    #expect(found.count == 2)
    #expect(found.last == FaultElement.Change(time: .seconds(1_000), isUp: true))
  }

  @Test func theSameSeedGivesTheSameChangesAndAnotherSeedOthers() {
    let process = crashes([4])
    #expect(changes(process, seed: 7, limit: 50) == changes(process, seed: 7, limit: 50))
    #expect(changes(process, seed: 7, limit: 50) != changes(process, seed: 8, limit: 50))
    // The process's position in the faults list is part of the stream.
    #expect(
      changes(process, faultIndex: 0, limit: 50) != changes(process, faultIndex: 1, limit: 50))
  }

  @Test func anElementsChangesDoNotDependOnTheOtherElements() {
    // Node 9 alone, or third of three: the stream is keyed by its ID, not its position.
    let alone = changes(crashes([9]), limit: 50)
    let withOthers = changes(crashes([2, 5, 9]), position: 2, limit: 50)
    #expect(alone == withOthers)
    #expect(alone != changes(crashes([2, 5, 9]), position: 1, limit: 50))
  }

  /// The down fraction of `elements` over `[0, horizon)`, each walk cut at the horizon.
  private func downFraction(
    _ process: FaultProcess, elements: Int, horizon: SimDuration, seed: UInt64
  ) -> Double {
    var down: Int64 = 0
    for position in 0..<elements {
      var walk = process.walk(of: position, faultIndex: 0, streams: RandomStreams(seed: seed))
      var failedAt: SimDuration?
      while let change = walk.next(), change.time < horizon {
        if change.isUp {
          down += (change.time - failedAt!).nanoseconds
          failedAt = nil
        } else {
          failedAt = change.time
        }
      }
      if let failedAt { down += (horizon - failedAt).nanoseconds }
    }
    return Double(down) / (Double(horizon.nanoseconds) * Double(elements))
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func theLongRunDownFractionIsMttrOverMtbfPlusMttr(seed: UInt64) {
    // Up a (600 s), down b (60 s): down a fraction p = b / (a + b) = 1/11 ≈ 0.0909 in the long
    // run. The down indicator of one element is a two-state Markov chain with autocovariance
    // p(1 − p)·e^(−(1/a + 1/b)τ), so its time average over T has variance
    // 2p(1 − p)·ab/(a + b)/T = 2 · (10/121) · 54.55 s / T = 9.016 s / T. With T = 10⁵ s and
    // N = 200 independent elements: σ = √(9.016 / (10⁵ · 200)) = 6.7·10⁻⁴. Starting up rather than
    // in the stationary state lowers the mean by p·ab/(a + b)/T = 5·10⁻⁵. The tolerance is 5σ
    // plus that bias, 3.4·10⁻³ in all; a sojourn rounded up to the nanosecond adds < 10⁻¹¹.
    let process = crashes(Array(0..<200))
    let fraction = downFraction(process, elements: 200, horizon: .seconds(100_000), seed: seed)
    let expected = 60.0 / 660.0
    #expect(abs(fraction - expected) < 3.4e-3, "seed \(seed): down fraction \(fraction)")
  }

  @Test func aLinkProcessNamesItsLinksAndKind() {
    let process = FaultProcess(
      targets: .links([LinkID(3), LinkID(1)]), meanTimeBetweenFailures: .seconds(10),
      meanTimeToRepair: .seconds(1))
    #expect(process.kind == "random-link-down" && crashes([0]).kind == "random-crash")
    #expect(process.elementCount == 2 && process.element(at: 1) == .link(LinkID(1)))
    let fault = Fault.random(process)
    #expect(fault.kind == "random-link-down" && fault.start == .zero && fault.end == nil)
    #expect(!fault.isScheduled)
  }
}
