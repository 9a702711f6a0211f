import SimCore

extension PartitionScheme {
  /// The IID partition: shuffle `0..<sampleCount` (Fisher–Yates), then give client k the k-th
  /// contiguous chunk; the first `sampleCount % clientCount` clients get one sample more.
  /// - Precondition: `1 <= clientCount <= sampleCount` (checked by `partition`).
  /// - Complexity: O(sampleCount log(sampleCount / clientCount)).
  static func makeIIDPartition(
    sampleCount: Int, clientCount: Int, using generator: inout some RandomNumberGenerator
  ) -> [[Int]] {
    var order = Array(0..<sampleCount)
    generator.shuffle(&order)
    return deal(order, sizes: equalSizes(total: sampleCount, parts: clientCount))
  }

  /// `total` split into `parts` sizes that differ by at most one, larger ones first.
  static func equalSizes(total: Int, parts: Int) -> [Int] {
    (0..<parts).map { total / parts + ($0 < total % parts ? 1 : 0) }
  }
}
