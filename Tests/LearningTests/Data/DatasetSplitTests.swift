import SimCore
import Testing

@testable import Learning

struct DatasetSplitTests {
  /// 100 one-feature samples: 60 of class 0, 30 of class 1, 10 of class 2; feature = index.
  private let data: Dataset = {
    let labels = (0..<100).map { Int32($0 < 60 ? 0 : ($0 < 90 ? 1 : 2)) }
    return Dataset(
      name: "toy", featureShape: [1], features: (0..<100).map(Float.init), labels: labels,
      classCount: 3)
  }()

  private func split(_ fraction: Double, stratified: Bool, seed: UInt64 = 3) throws
    -> (train: [Int], test: [Int])
  {
    var generator = RandomStreams(seed: seed).make(.dataShuffling)
    return try data.splitIndices(testFraction: fraction, stratified: stratified, using: &generator)
  }

  @Test(arguments: [false, true])
  func splitIsADisjointSortedCover(stratified: Bool) throws {
    let (train, test) = try split(0.25, stratified: stratified)
    #expect(train == train.sorted() && test == test.sorted())
    #expect((train + test).sorted() == Array(0..<100))
  }

  @Test func unstratifiedTestSizeIsTheRoundedFraction() throws {
    // round(0.25 × 100) = 25; round(0.333 × 100) = 33.
    #expect(try split(0.25, stratified: false).test.count == 25)
    #expect(try split(0.333, stratified: false).test.count == 33)
  }

  @Test func stratifiedSplitKeepsClassProportions() throws {
    // Per class round(0.25 × n): 60 → 15, 30 → 7.5 → 8 (schoolbook rounding), 10 → 2.5 → 3.
    let test = try split(0.25, stratified: true).test
    let counts = PartitionStatistics.labelCounts(of: test, labels: data.labels, classCount: 3)
    #expect(counts == [15, 8, 3])
  }

  @Test func splitIsDeterministicPerSeed() throws {
    #expect(try split(0.3, stratified: true, seed: 9) == split(0.3, stratified: true, seed: 9))
    #expect(try split(0.3, stratified: true, seed: 9) != split(0.3, stratified: true, seed: 10))
  }

  @Test func splitDataSetsCarryTheirSamples() throws {
    var generator = RandomStreams(seed: 1).make(.dataShuffling)
    let (train, test) = try data.split(testFraction: 0.2, stratified: false, using: &generator)
    #expect(train.name == "toy-train" && test.name == "toy-test")
    #expect(train.count == 80 && test.count == 20)
    // Features equal indices, so the union of features is 0…99.
    #expect((train.features + test.features).sorted() == (0..<100).map(Float.init))
  }

  @Test(arguments: [0.0, 1.0, -0.1, 1.5])
  func fractionsOutsideTheOpenUnitIntervalAreRejected(fraction: Double) {
    #expect(throws: PartitionError.invalidTestFraction(fraction)) {
      try split(fraction, stratified: false)
    }
  }
}
