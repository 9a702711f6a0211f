import SimCore

/// A sparse parameter update: some entries of a dense vector of `dimension` floats, as
/// (index, value) pairs with strictly ascending indices; every other entry is zero.
///
/// This is what a client uploads in distributed selective SGD (Shokri and Shmatikov, CCS 2015,
/// "Privacy-Preserving Deep Learning"): only the largest fraction θu of its update, with indices
/// (see `TopMagnitudeSparsifier`). Its wire format is in `SparseUpdate+Encoding.swift`.
public struct SparseUpdate: Sendable, Equatable {
  /// The length of the dense vector the entries belong to.
  public let dimension: Int
  /// Entry positions, strictly ascending, each below `dimension`.
  public let indices: [UInt32]
  /// Entry values, `values[e]` at `indices[e]`.
  public let values: [Float]

  /// A sparse update from its entries.
  /// - Throws: `SparsificationError` if the dimension exceeds `UInt32.max`, counts differ, or an
  ///   index is out of range or not strictly above the previous one.
  /// - Complexity: O(indices.count).
  public init(dimension: Int, indices: [UInt32], values: [Float]) throws(SparsificationError) {
    guard dimension >= 0 && dimension <= Int(UInt32.max) else {
      throw .dimensionTooLarge(dimension)
    }
    guard indices.count == values.count else {
      throw .countMismatch(indexCount: indices.count, valueCount: values.count)
    }
    for (position, index) in indices.enumerated() {
      guard Int(index) < dimension else {
        throw .indexOutOfRange(position: position, index: index, dimension: dimension)
      }
      if position > 0 && index <= indices[position - 1] {
        throw .indicesNotAscending(
          position: position, previous: indices[position - 1], index: index)
      }
    }
    self.dimension = dimension
    self.indices = indices
    self.values = values
  }

  /// An update already known to be valid (used by the sparsifier and the decoder).
  init(unchecked dimension: Int, indices: [UInt32], values: [Float]) {
    self.dimension = dimension
    self.indices = indices
    self.values = values
  }

  /// The number of (index, value) entries.
  public var count: Int { indices.count }

  /// The dense vector: the entries at their indices, zero elsewhere.
  /// - Complexity: O(dimension).
  public func densified() -> [Float] {
    var dense = [Float](repeating: 0, count: dimension)
    for (index, value) in zip(indices, values) { dense[Int(index)] = value }
    return dense
  }

  /// Adds `scale ×` each entry into `dense` (`dense[i] += scale · value`), as a DSSGD server adds
  /// an uploaded gradient into the global parameters; the sum is formed in `Double` and rounded
  /// once per entry.
  ///
  /// Work: one flop per entry when `scale == 1`, two (multiply-add) otherwise.
  /// - Throws: `SparsificationError.dimensionMismatch` if `dense.count != dimension`.
  /// - Complexity: O(count).
  public func add(into dense: inout [Float], scale: Float = 1) throws(SparsificationError) -> Work {
    guard dense.count == dimension else {
      throw .dimensionMismatch(update: 0, dimension: dimension, expected: dense.count)
    }
    let factor = Double(scale)
    dense.withUnsafeMutableBufferPointer { dense in
      for (index, value) in zip(indices, values) {
        let i = Int(index)
        dense[i] = Float(Double(dense[i]) + factor * Double(value))
      }
    }
    return .flops(Int64(count) * (scale == 1 ? 1 : 2))
  }
}
