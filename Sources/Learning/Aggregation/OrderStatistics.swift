// Helpers shared by the order-statistic rules (median, trimmed mean, Krum) and by top-magnitude
// sparsification: a total order on floats that integer sorting respects, and the comparison-count
// cost model documented on `AggregationRule`.

/// Sort keys for `Float` and the comparison cost model of sorting.
enum OrderStatistics {
  /// A key whose unsigned order is IEEE 754's total order on `value`:
  /// −NaN < −∞ < … < −0 < +0 < … < +∞ < +NaN.
  ///
  /// Sorting keys instead of floats makes the sorted sequence unique (equal keys are equal bit
  /// patterns), so results never depend on the sort algorithm, and a poisoned NaN lands at one end
  /// where robust rules discard it instead of breaking the comparisons.
  @inline(__always) static func sortKey(_ value: Float) -> UInt32 {
    let bits = value.bitPattern
    return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
  }

  /// The float whose `sortKey` is `key`.
  @inline(__always) static func value(ofSortKey key: UInt32) -> Float {
    Float(bitPattern: key & 0x8000_0000 != 0 ? key & 0x7FFF_FFFF : ~key)
  }

  /// Comparisons charged for sorting `count` values: `count⌈log₂ count⌉` (0 for fewer than 2).
  static func sortingComparisons(_ count: Int) -> Int64 {
    guard count > 1 else { return 0 }
    let ceilingLog2 = Int64(Int.bitWidth - (count - 1).leadingZeroBitCount)
    return Int64(count) * ceilingLog2
  }

  /// Calls `body(first, sortedKeys)` for consecutive blocks of coordinates, where
  /// `sortedKeys[c * n ..< (c + 1) * n]` holds the `n` updates' values of coordinate `first + c`
  /// as ascending `sortKey`s.
  ///
  /// Coordinates are transposed a block at a time so that memory stays O(block × n) and each
  /// update's storage is read contiguously.
  /// - Complexity: O(d · n log n) for d coordinates.
  static func forEachSortedBlock(
    of updates: [ClientUpdate], dimension: Int,
    _ body: (_ first: Int, _ width: Int, _ sortedKeys: UnsafeBufferPointer<UInt32>) -> Void
  ) {
    let n = updates.count
    let blockWidth = 256
    var keys = [UInt32](repeating: 0, count: blockWidth * n)
    keys.withUnsafeMutableBufferPointer { keys in
      var first = 0
      while first < dimension {
        let width = min(blockWidth, dimension - first)
        for (i, update) in updates.enumerated() {
          update.parameters.withUnsafeBufferPointer { values in
            for c in 0..<width { keys[c * n + i] = sortKey(values[first + c]) }
          }
        }
        for c in 0..<width {
          var row = UnsafeMutableBufferPointer(rebasing: keys[(c * n)..<(c * n + n)])
          // Keys are a total order, so any correct sort gives the same row; insertion sort is
          // several times faster than the general sort for the few dozen clients of a round.
          if n <= 32 { insertionSort(row) } else { row.sort() }
        }
        body(first, width, UnsafeBufferPointer(keys))
        first += width
      }
    }
  }

  /// Sorts `row` ascending by insertion: O(n²) moves, fast for short rows.
  @inline(__always) static func insertionSort(_ row: UnsafeMutableBufferPointer<UInt32>) {
    guard row.count > 1 else { return }
    for i in 1..<row.count {
      let key = row[i]
      var j = i
      while j > 0 && row[j - 1] > key {
        row[j] = row[j - 1]
        j -= 1
      }
      row[j] = key
    }
  }
}
