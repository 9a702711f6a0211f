import SimCore
import Testing

@testable import Learning

struct TopMagnitudeSparsifierTests {
  @Test func keepsTheLargestMagnitudesWithLowerIndexOnTies() throws {
    // Magnitudes 0.5, 3, 2, 2, 0.1, 3; θu = 0.5 keeps k = 3: both 3s (#1, #5), then of the two 2s
    // the lower index #2.
    let sparsifier = try TopMagnitudeSparsifier(uploadFraction: 0.5)
    let (update, work) = try sparsifier.sparsify([0.5, -3, 2, -2, 0.1, 3])
    #expect(update.dimension == 6)
    #expect(update.indices == [1, 2, 5])
    #expect(update.values == [-3, 2, 3])
    // Charged d + min(k, d − k) = 6 + 3 comparisons.
    #expect(work == .flops(9))
  }

  @Test(arguments: [
    // (θu, d, k = ⌈θu·d⌉ by hand); 0.07 × 100 is 7.000000000000001 and 0.29 × 100 is
    // 28.999999999999996 in binary.
    (0.5, 6, 3), (0.07, 100, 7), (0.29, 100, 29), (0.1, 25, 3), (1, 5, 5), (0.01, 0, 0),
    (0.001, 10, 1),
  ])
  func selectionCountIsTheCeilingOfThetaTimesD(theta: Double, d: Int, expected: Int) throws {
    #expect(
      try TopMagnitudeSparsifier(uploadFraction: theta).selectionCount(dimension: d) == expected)
  }

  @Test(arguments: [0, -0.1, 1.5, Double.infinity])
  func rejectsFractionsOutsideZeroToOne(theta: Double) {
    #expect(throws: SparsificationError.uploadFractionOutOfRange(theta)) {
      try TopMagnitudeSparsifier(uploadFraction: theta)
    }
  }

  @Test(arguments: [1, 2, 3, 4])
  func selectionMatchesABruteForceRanking(seed: UInt64) throws {
    // Values on a coarse grid so that many magnitudes tie and the tie rule matters. The reference
    // ranks every index by (larger magnitude, lower index) with a full sort.
    var generator = RandomStreams(seed: seed).make(StreamPurpose("sparsifierTest"))
    let dense = (0..<3000).map { _ in Float(generator.nextInt(in: -40...40)) * 0.25 }
    for theta in [0.001, 0.013, 0.1, 0.5, 0.999] {
      let sparsifier = try TopMagnitudeSparsifier(uploadFraction: theta)
      let k = sparsifier.selectionCount(dimension: dense.count)
      let ranked = dense.indices.sorted { a, b in
        abs(dense[a]) != abs(dense[b]) ? abs(dense[a]) > abs(dense[b]) : a < b
      }
      let expected = ranked.prefix(k).sorted().map { UInt32($0) }
      let (update, _) = try sparsifier.sparsify(dense)
      #expect(update.indices == expected, "seed \(seed), θu \(theta)")
      #expect(update.values == expected.map { dense[Int($0)] }, "seed \(seed), θu \(theta)")
    }
  }

  @Test func sortedAndConstantInputsStillSelectCorrectly() throws {
    // Adversarial shapes for quickselect: ascending, descending and all-equal magnitudes.
    let sparsifier = try TopMagnitudeSparsifier(uploadFraction: 0.1)
    let ascending = (0..<1000).map { Float($0) }
    #expect(try sparsifier.sparsify(ascending).update.indices == (900..<1000).map { UInt32($0) })
    let descending = (0..<1000).map { Float(1000 - $0) }
    #expect(try sparsifier.sparsify(descending).update.indices == (0..<100).map { UInt32($0) })
    let constant = [Float](repeating: -2, count: 1000)
    #expect(try sparsifier.sparsify(constant).update.indices == (0..<100).map { UInt32($0) })
  }

  @Test func nanRanksAboveInfinity() throws {
    let sparsifier = try TopMagnitudeSparsifier(uploadFraction: 0.25)
    let (update, _) = try sparsifier.sparsify([1, -.infinity, 3, 2, .nan, 0, 0, 0])
    #expect(update.indices == [1, 4])
  }

  @Test func fullUploadRoundTripsThroughTheDenseVector() throws {
    let dense: [Float] = [0, -1.5, 2, 0, 7]
    let (update, work) = try TopMagnitudeSparsifier(uploadFraction: 1).sparsify(dense)
    #expect(update.densified() == dense)
    #expect(work == .flops(5))  // d + min(k, d − k) = 5 + 0
  }
}
