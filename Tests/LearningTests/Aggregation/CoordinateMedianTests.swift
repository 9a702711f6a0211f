import SimCore
import Testing

@testable import Learning

private func updates(_ rows: [[Float]]) -> [ClientUpdate] {
  rows.map { ClientUpdate(parameters: $0, sampleCount: 1) }
}

struct CoordinateMedianTests {
  @Test func oddCountTakesTheMiddleValue() throws {
    // Columns sorted by hand: {1, 2, 3} → 2, {1, 4, 5} → 4, {2, 7, 9} → 7.
    let result = try CoordinateMedian().aggregate(updates([[1, 5, 2], [3, 4, 9], [2, 1, 7]]))
    #expect(result.parameters == [2, 4, 7])
    // Sorting 3 values is charged 3·⌈log₂3⌉ = 6 comparisons, for each of 3 coordinates.
    #expect(result.work == .flops(18))
  }

  @Test func evenCountAveragesTheTwoMiddleValues() throws {
    // Columns: {1, 2, 3, 10} → 2.5, {0, 1, 4, 5} → 2.5, {2, 7, 8, 9} → 7.5.
    let result = try CoordinateMedian().aggregate(
      updates([[1, 5, 2], [3, 4, 9], [2, 1, 7], [10, 0, 8]]))
    #expect(result.parameters == [2.5, 2.5, 7.5])
    // 4·⌈log₂4⌉ = 8 comparisons + 2 flops for the midpoint, per coordinate.
    #expect(result.work == .flops(30))
  }

  @Test func onePoisonedUpdateCannotLeaveTheHonestRange() throws {
    // Honest values per coordinate lie in [0.9, 1.1] and [−2.1, −1.9]; the attacker sends huge or
    // NaN values. With 5 honest and 1 poisoned, the median stays within the honest range.
    let honest: [[Float]] = [
      [0.9, -2.0], [1.0, -1.9], [1.1, -2.1], [0.95, -2.05], [1.05, -1.95],
    ]
    for poison: [Float] in [[1e30, -1e30], [.nan, .infinity], [-.infinity, .nan]] {
      let result = try CoordinateMedian().aggregate(updates(honest + [poison]))
      #expect((0.9...1.1).contains(result.parameters[0]), "poison \(poison)")
      #expect((-2.1 ... -1.9).contains(result.parameters[1]), "poison \(poison)")
    }
  }

  @Test func resultIsTheSameBitsForAnyOrderOfUpdates() throws {
    // The median sorts by a total order, so permuting the updates (and −0 vs +0 or NaN payloads)
    // cannot change a bit.
    var generator = RandomStreams(seed: 7).make(StreamPurpose("medianTest"))
    let rows = (0..<6).map { _ in (0..<40).map { _ in Float(generator.nextInt(in: -3...3)) * 0.5 } }
    let reference = try CoordinateMedian().aggregate(updates(rows))
    var permuted = rows
    for round in 0..<5 {
      generator.shuffle(&permuted)
      let result = try CoordinateMedian().aggregate(updates(permuted))
      #expect(
        result.parameters.map(\.bitPattern) == reference.parameters.map(\.bitPattern),
        "shuffle \(round)")
    }
  }

  @Test(arguments: [33, 40])
  func largeRoundsMatchAMedianFromSortedColumns(n: Int) throws {
    // Above 32 updates the rows take the general sort instead of insertion sort; the reference
    // sorts each column of Doubles directly and takes the middle (or the mean of the two middle).
    var generator = RandomStreams(seed: UInt64(n)).make(StreamPurpose("medianTest"))
    let rows = (0..<n).map { _ in (0..<7).map { _ in Float(generator.nextNormal()) } }
    let result = try CoordinateMedian().aggregate(updates(rows))
    for j in 0..<7 {
      let column = rows.map { Double($0[j]) }.sorted()
      let expected = n % 2 == 1 ? column[n / 2] : (column[n / 2 - 1] + column[n / 2]) / 2
      #expect(result.parameters[j] == Float(expected), "n = \(n), coordinate \(j)")
    }
  }

  @Test func sortKeyFollowsTheIEEETotalOrder() {
    let ascending: [Float] = [
      -.nan, -.infinity, -1, -.leastNonzeroMagnitude, -0.0, 0.0, 1, .infinity, .nan,
    ]
    let keys = ascending.map(OrderStatistics.sortKey)
    #expect(keys == keys.sorted())
    #expect(Set(keys).count == keys.count)
    for value in ascending {
      #expect(
        OrderStatistics.value(ofSortKey: OrderStatistics.sortKey(value)).bitPattern
          == value.bitPattern)
    }
  }
}
