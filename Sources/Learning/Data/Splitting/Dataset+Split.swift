import SimCore

extension Dataset {
  /// Sample indices split into a training and a test set, each in ascending order.
  ///
  /// Unstratified: `round(testFraction × count)` indices (halves rounded up), drawn uniformly
  /// without replacement, go to the test set. Stratified: the same rule within each class
  /// (ascending label), so both sets keep the class proportions to within one sample per class;
  /// the test set size is then the sum of the per-class roundings.
  /// - Throws: `invalidTestFraction` unless 0 < testFraction < 1.
  /// - Complexity: O(count).
  public func splitIndices(
    testFraction: Double, stratified: Bool, using generator: inout some RandomNumberGenerator
  ) throws(PartitionError) -> (train: [Int], test: [Int]) {
    guard testFraction > 0, testFraction < 1 else { throw .invalidTestFraction(testFraction) }
    var isTest = [Bool](repeating: false, count: count)
    if stratified {
      let sorted = PartitionScheme.indicesSortedByLabel(labels, classCount: classCount)
      var start = 0
      while start < sorted.count {
        var end = start
        while end < sorted.count && labels[sorted[end]] == labels[sorted[start]] { end += 1 }
        let classSize = end - start
        let take = Int((testFraction * Double(classSize)).rounded())
        for offset in generator.sampleIndices(take, from: classSize) {
          isTest[sorted[start + offset]] = true
        }
        start = end
      }
    } else {
      let take = Int((testFraction * Double(count)).rounded())
      for index in generator.sampleIndices(take, from: count) { isTest[index] = true }
    }
    return (isTest.indices.filter { !isTest[$0] }, isTest.indices.filter { isTest[$0] })
  }

  /// The data set split into training and test sets named `<name>-train` and `<name>-test`;
  /// see `splitIndices(testFraction:stratified:using:)`.
  /// - Throws: `invalidTestFraction` unless 0 < testFraction < 1.
  /// - Complexity: O(count × featureCount).
  public func split(
    testFraction: Double, stratified: Bool, using generator: inout some RandomNumberGenerator
  ) throws(PartitionError) -> (train: Dataset, test: Dataset) {
    let (train, test) = try splitIndices(
      testFraction: testFraction, stratified: stratified, using: &generator)
    return (subset(train, name: "\(name)-train"), subset(test, name: "\(name)-test"))
  }
}
