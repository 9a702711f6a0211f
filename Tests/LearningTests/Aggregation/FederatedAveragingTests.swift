import SimCore
import Testing

@testable import Learning

struct FederatedAveragingTests {
  @Test func weightsEachUpdateBySampleCount() throws {
    // Hand computation: coordinate 0 is (1·1 + 3·3)/4 = 2.5, coordinate 1 is (1·2 + 3·6)/4 = 5.
    let result = try FederatedAveraging().aggregate([
      ClientUpdate(parameters: [1, 2], sampleCount: 1),
      ClientUpdate(parameters: [3, 6], sampleCount: 3),
    ])
    #expect(result.parameters == [2.5, 5])
    #expect(result.contributors == [0, 1])
    // 2 flops (multiply-add) × 2 coordinates × 2 updates + 2 divisions.
    #expect(result.work == .flops(10))
  }

  @Test func zeroWeightUpdateIsSkippedEvenWhenItHoldsNaN() throws {
    let result = try FederatedAveraging().aggregate([
      ClientUpdate(parameters: [1, 1], sampleCount: 2),
      ClientUpdate(parameters: [.nan, 100], sampleCount: 0),
    ])
    #expect(result.parameters == [1, 1])
    // Only the weighted update is accumulated: 2 × 2 × 1 + 2 divisions.
    #expect(result.work == .flops(6))
  }

  @Test func doubleAccumulationKeepsTheMeanOfEqualUpdatesExact() throws {
    // 1000 × Float(0.1) needs at most 24 + 10 significant bits, so the Double sum is exact and the
    // mean rounds back to Float(0.1) exactly. A Float accumulator drifts (its running sum reaches
    // 99.99905…, so the mean would be 0.09999905…): this test fails for a Float implementation.
    let updates = Array(
      repeating: ClientUpdate(parameters: [0.1, -0.3], sampleCount: 7), count: 1000)
    let result = try FederatedAveraging().aggregate(updates)
    #expect(result.parameters == [0.1, -0.3])
  }

  @Test func cancellationOrderCannotChangeTheMean() throws {
    // 2²⁴ + 1 is not a Float, but the Double accumulator holds 1 + 2²⁴ exactly, so the mean of
    // {1, 2²⁴, −2²⁴} with weights 1 is exactly 1/3 whatever the order; a Float accumulator would
    // return 0 for the order 1, 2²⁴, −2²⁴ (1 is absorbed) and 1/3 for another.
    let big: Float = 16_777_216
    let orders: [[Float]] = [[1, big, -big], [big, -big, 1], [big, 1, -big]]
    for values in orders {
      let result = try FederatedAveraging().aggregate(
        values.map { ClientUpdate(parameters: [$0], sampleCount: 1) })
      #expect(result.parameters == [Float(1.0 / 3.0)], "order \(values)")
    }
  }

  @Test func rejectsEmptyMismatchedAndWeightlessRounds() {
    #expect(throws: AggregationError.noUpdates) { try FederatedAveraging().aggregate([]) }
    #expect(throws: AggregationError.dimensionMismatch(update: 1, parameterCount: 3, expected: 2)) {
      try FederatedAveraging().aggregate([
        ClientUpdate(parameters: [1, 2], sampleCount: 1),
        ClientUpdate(parameters: [1, 2, 3], sampleCount: 1),
      ])
    }
    #expect(throws: AggregationError.sampleCountOverflow(update: 2)) {
      try FederatedAveraging().aggregate([
        ClientUpdate(parameters: [1], sampleCount: 10),
        ClientUpdate(parameters: [2], sampleCount: Int.max - 10),
        ClientUpdate(parameters: [3], sampleCount: 1),
      ])
    }
    #expect(throws: AggregationError.zeroTotalWeight(updateCount: 2)) {
      try FederatedAveraging().aggregate([
        ClientUpdate(parameters: [1], sampleCount: 0),
        ClientUpdate(parameters: [2], sampleCount: 0),
      ])
    }
  }
}
