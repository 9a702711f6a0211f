/// Why a sparse update could not be built, decoded, applied or aggregated.
public enum SparsificationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The upload fraction θu is outside (0, 1].
  case uploadFractionOutOfRange(Double)
  /// The dense dimension does not fit the 32-bit index of the wire format.
  case dimensionTooLarge(Int)
  /// `indexCount` indices were given with `valueCount` values.
  case countMismatch(indexCount: Int, valueCount: Int)
  /// Entry `position` has index `index`, not below the dimension `dimension`.
  case indexOutOfRange(position: Int, index: UInt32, dimension: Int)
  /// Entry `position`'s index `index` is not above the previous entry's `previous`.
  case indicesNotAscending(position: Int, previous: UInt32, index: UInt32)
  /// An encoded update has `byteCount` bytes where its header announces `expected`.
  case wrongEncodedLength(byteCount: Int, expected: Int)
  /// A sparse update of dimension `dimension` met a dense vector or another update of
  /// `expected` (`update` is its position in an aggregated list, or 0).
  case dimensionMismatch(update: Int, dimension: Int, expected: Int)
  /// There is no sparse update to aggregate.
  case noUpdates

  /// What failed, the offending value, and what is accepted, in one line.
  public var description: String {
    switch self {
    case .uploadFractionOutOfRange(let fraction):
      return "selective upload: fraction θu = \(fraction) is outside (0, 1]"
    case .dimensionTooLarge(let dimension):
      return "sparse update: dimension \(dimension) exceeds the 32-bit index limit "
        + "\(UInt32.max); split the model"
    case .countMismatch(let indexCount, let valueCount):
      return "sparse update: \(indexCount) indices but \(valueCount) values; they must pair up"
    case .indexOutOfRange(let position, let index, let dimension):
      return "sparse update: entry \(position) has index \(index), outside 0..<\(dimension)"
    case .indicesNotAscending(let position, let previous, let index):
      return "sparse update: entry \(position) has index \(index) after \(previous); indices "
        + "must be strictly ascending"
    case .wrongEncodedLength(let byteCount, let expected):
      return "sparse update encoding: \(byteCount) bytes where the header announces \(expected) "
        + "(8-byte header + 8 bytes per entry)"
    case .dimensionMismatch(let update, let dimension, let expected):
      return "sparse update \(update): dimension \(dimension) where \(expected) is expected; "
        + "updates must match the model's length"
    case .noUpdates:
      return "sparse aggregation: no update to aggregate; at least one is needed"
    }
  }
}
