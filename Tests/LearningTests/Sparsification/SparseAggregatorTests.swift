import SimCore
import Testing

@testable import Learning

struct SparseAggregatorTests {
  // A carries {0: 1, 2: 4}, B carries {2: 2, 3: 6}, both of dimension 4.
  private func makePair() throws -> [SparseUpdate] {
    [
      try SparseUpdate(dimension: 4, indices: [0, 2], values: [1, 4]),
      try SparseUpdate(dimension: 4, indices: [2, 3], values: [2, 6]),
    ]
  }

  @Test(arguments: [
    // By hand: sum [1, 0, 6, 6]; over 2 updates [0.5, 0, 3, 3]; over carriers (1, 0, 2, 1)
    // [1, 0, 3, 6]. Work: 4 entries, plus 4 divisions or 3 (coordinate 1 has no carrier).
    (SparseAggregator.Normalization.sum, [Float(1), 0, 6, 6], Int64(4)),
    (.meanOverUpdates, [0.5, 0, 3, 3], 8),
    (.meanOverContributors, [1, 0, 3, 6], 7),
  ])
  func aggregatesWithEachNormalisation(
    normalization: SparseAggregator.Normalization, expected: [Float], flops: Int64
  ) throws {
    let (parameters, work) = try SparseAggregator(normalization: normalization).aggregate(
      makePair())
    #expect(parameters == expected)
    #expect(work == .flops(flops))
  }

  @Test func rejectsEmptyAndMismatchedLists() throws {
    let aggregator = SparseAggregator(normalization: .sum)
    let pair = try makePair()
    #expect(throws: SparsificationError.noUpdates) { try aggregator.aggregate([]) }
    let other = try SparseUpdate(dimension: 5, indices: [4], values: [1])
    #expect(throws: SparsificationError.dimensionMismatch(update: 1, dimension: 5, expected: 4)) {
      try aggregator.aggregate([pair[0], other])
    }
  }

  @Test func sparseMeanOfFullUploadsEqualsFedAvgWithEqualWeights() throws {
    // With θu = 1 every entry travels, so the sparse mean must match FedAvg bit for bit (both sum
    // in Double in update order and divide once).
    var generator = RandomStreams(seed: 9).make(StreamPurpose("sparseAggregatorTest"))
    let rows = (0..<5).map { _ in (0..<64).map { _ in Float(generator.nextNormal()) } }
    let sparsifier = try TopMagnitudeSparsifier(uploadFraction: 1)
    let sparse = try rows.map { try sparsifier.sparsify($0).update }
    let (mean, _) = try SparseAggregator(normalization: .meanOverUpdates).aggregate(sparse)
    let fedAvg = try FederatedAveraging().aggregate(
      rows.map { ClientUpdate(parameters: $0, sampleCount: 1) })
    #expect(mean == fedAvg.parameters)
  }
}
