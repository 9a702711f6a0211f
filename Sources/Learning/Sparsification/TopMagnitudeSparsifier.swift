import SimCore

/// Distributed selective SGD's upload selection (Shokri and Shmatikov, CCS 2015,
/// "Privacy-Preserving Deep Learning", §5): keep only the largest fraction θu of an update's
/// entries by magnitude and send them as (index, value) pairs.
///
/// The number kept for d entries is `k = ⌈θu·d⌉`, forgiving the binary rounding of the product
/// (relative 10⁻¹²) so that θu = 0.07 with d = 100 keeps 7. Ranking is by |value|, larger first;
/// equal magnitudes go to the lower index, so the selection is unique and deterministic. A NaN
/// counts as larger than +∞ (its magnitude bits are), so a broken gradient is never hidden.
///
/// Work: selection is charged `d + min(k, d − k)` comparisons, the expected count of
/// Floyd–Rivest selection (CACM 1975) and the classical lower bound for selecting k of d;
/// magnitudes (a sign-bit clear) and index bookkeeping are free.
public struct TopMagnitudeSparsifier: Sendable, Equatable {
  /// θu: the fraction of entries uploaded, in (0, 1].
  public let uploadFraction: Double

  /// A sparsifier keeping the fraction `uploadFraction` of the entries.
  /// - Throws: `SparsificationError.uploadFractionOutOfRange` unless 0 < θu ≤ 1.
  public init(uploadFraction: Double) throws(SparsificationError) {
    guard uploadFraction > 0 && uploadFraction <= 1 else {
      throw .uploadFractionOutOfRange(uploadFraction)
    }
    self.uploadFraction = uploadFraction
  }

  /// k: the number of entries kept out of `dimension`, `⌈θu·d⌉`.
  public func selectionCount(dimension: Int) -> Int {
    let count = Int((uploadFraction * Double(dimension) * (1 - 1e-12)).rounded(.up))
    return min(count, dimension)  // θu ≤ 1 makes the exact ⌈θu·d⌉ at most d
  }

  /// The k largest-magnitude entries of `dense`, in ascending index order, and the work done.
  /// - Throws: `SparsificationError.dimensionTooLarge` if `dense` has more than `UInt32.max`
  ///   entries.
  /// - Complexity: O(d + k log k) expected.
  public func sparsify(_ dense: [Float]) throws(SparsificationError) -> (
    update: SparseUpdate, work: Work
  ) {
    let d = dense.count
    guard d <= Int(UInt32.max) else { throw .dimensionTooLarge(d) }
    let k = selectionCount(dimension: d)
    let indices = TopMagnitudeSparsifier.largestIndices(of: dense, count: k)
    let values = indices.map { dense[Int($0)] }
    let update = SparseUpdate(unchecked: d, indices: indices, values: values)
    return (update, .flops(Int64(d + min(k, d - k))))
  }

  /// The positions of the `count` entries of largest magnitude, ties to the lower index, sorted
  /// ascending.
  static func largestIndices(of dense: [Float], count k: Int) -> [UInt32] {
    let d = dense.count
    if k == 0 { return [] }
    if k == d { return (0..<d).map { UInt32($0) } }
    // One key per entry: magnitude bits above, the complemented index below. Keys are distinct,
    // and a larger key is a larger magnitude or, at equal magnitude, a lower index, so "the k
    // largest keys" is exactly the selection, whatever algorithm finds it.
    var keys = [UInt64](repeating: 0, count: d)
    dense.withUnsafeBufferPointer { values in
      for i in 0..<d {
        let magnitude = UInt64(values[i].bitPattern & 0x7FFF_FFFF)
        keys[i] = magnitude << 32 | UInt64(UInt32.max - UInt32(i))
      }
    }
    keys.withUnsafeMutableBufferPointer { selectLargest(k, in: $0) }
    var indices = keys[0..<k].map { UInt32.max - UInt32(truncatingIfNeeded: $0) }
    indices.sort()
    return indices
  }

  /// Reorders `keys` so that its first `k` elements are its `k` largest (in no particular
  /// order): quickselect with a median-of-three pivot, falling back to a full sort of the
  /// remaining range after 64 partitions so that adversarial inputs stay O(d log d).
  static func selectLargest(_ k: Int, in keys: UnsafeMutableBufferPointer<UInt64>) {
    var low = 0
    var high = keys.count - 1
    var rounds = 0
    while low < high {
      rounds += 1
      if rounds > 64 {
        var rest = UnsafeMutableBufferPointer(rebasing: keys[low...high])
        rest.sort(by: >)
        return
      }
      let middle = low + (high - low) / 2
      let pivot = medianOfThree(keys[low], keys[middle], keys[high])
      // Hoare partition, descending: [low, j] ≥ pivot ≥ [j + 1, high].
      var i = low - 1
      var j = high + 1
      while true {
        repeat { i += 1 } while keys[i] > pivot
        repeat { j -= 1 } while keys[j] < pivot
        if i >= j { break }
        keys.swapAt(i, j)
      }
      // The boundary between the k largest and the rest is position k − 1 | k.
      if k - 1 <= j { high = j } else { low = j + 1 }
    }
  }

  private static func medianOfThree(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
    max(min(a, b), min(max(a, b), c))
  }
}
