import SimCore
import Testing

@testable import Learning

private func updates(_ rows: [[Float]]) -> [ClientUpdate] {
  rows.map { ClientUpdate(parameters: $0, sampleCount: 1) }
}

struct TrimmedMeanTests {
  @Test func dropsTheExtremesOfEachCoordinate() throws {
    // β = 0.2, n = 5 ⇒ k = 1 per side. Column 0 {1, 2, 3, 4, 100} keeps {2, 3, 4} → 3;
    // column 1 {−50, 0, 1, 2, 7} keeps {0, 1, 2} → 1.
    let rule = try TrimmedMean(trimFraction: 0.2)
    let result = try rule.aggregate(updates([[100, 0], [2, 7], [1, 1], [4, -50], [3, 2]]))
    #expect(result.parameters == [3, 1])
    // Per coordinate: 5·⌈log₂5⌉ = 15 comparisons + 3 flops (two additions after the first, one
    // division, counted as n − 2k = 3).
    #expect(result.work == .flops(36))
  }

  @Test(arguments: [
    // (β, n, expected k): ⌊β·n⌋ by hand. 0.29 × 100 is 28.999999999999996 in binary.
    (0.1, 10, 1), (0.29, 100, 29), (0.49, 2, 0), (0.4999999999999999, 2, 0), (0.25, 7, 1),
    (0, 9, 0),
  ])
  func trimCountIsTheFloorOfBetaTimesN(beta: Double, n: Int, expected: Int) throws {
    #expect(try TrimmedMean(trimFraction: beta).trimCount(updateCount: n) == expected)
  }

  @Test func onePoisonedUpdateIsTrimmedAway() throws {
    // β = 0.1 with n = 10 trims one value per side, so a single attacker at either end is dropped
    // and the result is the mean of 8 honest values of each column.
    let honest: [[Float]] = (0..<9).map { [Float($0), -Float($0)] }  // columns 0…8 and −8…0
    let rule = try TrimmedMean(trimFraction: 0.1)
    let poisoned = try rule.aggregate(updates(honest + [[1e30, .nan]]))
    // Column 0 {0…8, 1e30} keeps 1…8 → 4.5; column 1 {−8…0, +NaN} keeps −7…0 → −3.5.
    #expect(poisoned.parameters == [4.5, -3.5])
  }

  @Test func zeroTrimIsThePlainMean() throws {
    let result = try TrimmedMean(trimFraction: 0).aggregate(updates([[1], [2], [6]]))
    #expect(result.parameters == [3])
  }

  @Test(arguments: [0.5, -0.1, Double.nan, 1])
  func rejectsTrimFractionsOutsideZeroToHalf(beta: Double) {
    #expect(throws: AggregationError.self) { try TrimmedMean(trimFraction: beta) }
    do {
      _ = try TrimmedMean(trimFraction: beta)
    } catch {
      guard case .trimFractionOutOfRange(let value) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(value.bitPattern == beta.bitPattern)
    }
  }

  @Test func resultIsTheSameBitsForAnyOrderOfUpdates() throws {
    var generator = RandomStreams(seed: 11).make(StreamPurpose("trimmedMeanTest"))
    let rows = (0..<10).map { _ in (0..<30).map { _ in Float(generator.nextNormal()) } }
    let rule = try TrimmedMean(trimFraction: 0.2)
    let reference = try rule.aggregate(updates(rows))
    var permuted = rows
    for round in 0..<5 {
      generator.shuffle(&permuted)
      let result = try rule.aggregate(updates(permuted))
      #expect(
        result.parameters.map(\.bitPattern) == reference.parameters.map(\.bitPattern),
        "shuffle \(round)")
    }
  }
}
