import SimCore

/// The byte layout of a parameter vector (a model, an update, a gradient) on the wire.
///
/// ```
/// offset  size  field
///      0     4  magic: ASCII "FCPV" (FedChain Parameter Vector) = 46 43 50 56
///      4     1  format version: 1
///      5     3  reserved: zero
///      8     4  parameter count n: UInt32, little-endian
///     12    4n  the parameters: IEEE 754 binary32 bit patterns, little-endian, in order
/// ```
/// So a vector of `n` floats is exactly `12 + 4n` bytes: the 2NN's 199,210 parameters take
/// 796,852 bytes, the MNIST CNN's 1,663,370 take 6,653,492. Encoding keeps every bit (NaN
/// payloads and signed zeros included), so `decode(encode(v))` is `v` bit for bit.
public enum ParameterWireFormat {
  /// The header's length in bytes.
  public static let headerBytes = 12
  /// The most floats one encoding carries: the header's count is a `UInt32`.
  public static let maximumParameterCount = Int(UInt32.max)
  /// The magic bytes "FCPV".
  public static let magic: [UInt8] = [0x46, 0x43, 0x50, 0x56]
  /// The version this code writes and reads.
  public static let version: UInt8 = 1

  /// The encoded size of `parameterCount` floats: `12 + 4 × parameterCount` bytes.
  @inlinable
  public static func wireSize(parameterCount: Int) -> ByteCount {
    ByteCount(bytes: Int64(headerBytes + 4 * parameterCount))
  }

  /// The bytes of `parameters` in this format.
  /// - Precondition: `parameters.count < 2³²`.
  /// - Complexity: O(n).
  public static func encode(_ parameters: [Float]) -> [UInt8] {
    precondition(
      parameters.count <= maximumParameterCount, "ParameterWireFormat: \(parameters.count) floats")
    var bytes = [UInt8](repeating: 0, count: headerBytes + 4 * parameters.count)
    bytes.withUnsafeMutableBufferPointer { out in
      for i in 0..<4 { out[i] = magic[i] }
      out[4] = version
      let count = UInt32(parameters.count)
      for i in 0..<4 { out[8 + i] = UInt8(truncatingIfNeeded: count >> (8 * i)) }
      for (index, value) in parameters.enumerated() {
        let bits = value.bitPattern
        let at = headerBytes + 4 * index
        out[at] = UInt8(truncatingIfNeeded: bits)
        out[at + 1] = UInt8(truncatingIfNeeded: bits >> 8)
        out[at + 2] = UInt8(truncatingIfNeeded: bits >> 16)
        out[at + 3] = UInt8(truncatingIfNeeded: bits >> 24)
      }
    }
    return bytes
  }

  /// The parameter vector encoded in `bytes`.
  /// - Throws: `ModelError` if the magic, version or length is wrong.
  /// - Complexity: O(n).
  public static func decode(_ bytes: [UInt8]) throws(ModelError) -> [Float] {
    guard bytes.count >= headerBytes else {
      throw .truncatedEncoding(expectedBytes: headerBytes, actualBytes: bytes.count)
    }
    guard Array(bytes[0..<4]) == magic else { throw .badMagic(Array(bytes[0..<4])) }
    guard bytes[4] == version else { throw .unsupportedVersion(bytes[4]) }
    var count = 0
    for i in 0..<4 { count |= Int(bytes[8 + i]) << (8 * i) }
    let expected = headerBytes + 4 * count
    guard bytes.count >= expected else {
      throw .truncatedEncoding(expectedBytes: expected, actualBytes: bytes.count)
    }
    guard bytes.count == expected else {
      throw .trailingBytes(expectedBytes: expected, actualBytes: bytes.count)
    }
    return bytes.withUnsafeBufferPointer { input in
      (0..<count).map { index in
        let at = headerBytes + 4 * index
        let bits =
          UInt32(input[at]) | UInt32(input[at + 1]) << 8 | UInt32(input[at + 2]) << 16
          | UInt32(input[at + 3]) << 24
        return Float(bitPattern: bits)
      }
    }
  }
}

// MARK: - Model encoding

extension Model {
  /// The exact size of `encode()`'s result: `12 + 4 × parameterCount` bytes.
  public var wireSize: ByteCount { ParameterWireFormat.wireSize(parameterCount: parameterCount) }

  /// The parameters in `ParameterWireFormat`.
  /// - Complexity: O(parameterCount).
  public func encode() -> [UInt8] { ParameterWireFormat.encode(parameters) }

  /// A model of `spec` whose parameters are decoded from `bytes`.
  /// - Throws: `ModelError` if the bytes are malformed or hold the wrong number of parameters.
  public init(spec: ModelSpec, decoding bytes: [UInt8]) throws(ModelError) {
    try self.init(spec: spec, parameters: ParameterWireFormat.decode(bytes))
  }
}
