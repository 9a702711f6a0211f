/// An IDX file of unsigned bytes, the format of the MNIST distribution files.
///
/// Layout (LeCun et al., "THE MNIST DATABASE of handwritten digits"): a 4-byte magic
/// `00 00 <type> <rank>`, then `rank` big-endian 32-bit dimension sizes, then the values
/// row-major. Only type 0x08 (unsigned byte) is read, the type of every MNIST file; so the
/// magic is 2051 (0x00000803) for images and 2049 (0x00000801) for labels.
public struct IDXFile: Sendable, Equatable {
  /// The size of each dimension, outermost first, e.g. `[60000, 28, 28]`.
  public var dimensions: [Int]
  /// The values, row-major: `dimensions.reduce(1, *)` bytes.
  public var values: [UInt8]

  /// The magic number of an unsigned-byte IDX file of rank `rank`: 0x0800 + rank.
  public static func magic(rank: Int) -> UInt32 { 0x0800 + UInt32(rank) }

  /// Parses IDX `bytes`, checking the magic against `expectedMagic`; `path` names the file in
  /// errors.
  /// - Throws: `wrongMagic`, or `sizeMismatch` when the file is shorter or longer than its
  ///   header says.
  /// - Complexity: O(bytes.count).
  public init(parsing bytes: [UInt8], expectedMagic: UInt32, path: String) throws(DatasetError) {
    guard bytes.count >= 4 else {
      throw .sizeMismatch(path: path, expectedBytes: 4, foundBytes: bytes.count)
    }
    let magic = IDXFile.bigEndian32(bytes, at: 0)
    guard magic == expectedMagic else {
      throw .wrongMagic(path: path, expected: expectedMagic, found: magic)
    }
    let rank = Int(bytes[3])
    let headerBytes = 4 + 4 * rank
    guard bytes.count >= headerBytes else {
      throw .sizeMismatch(path: path, expectedBytes: headerBytes, foundBytes: bytes.count)
    }
    var dimensions: [Int] = []
    var valueCount = 1
    for axis in 0..<rank {
      let size = Int(IDXFile.bigEndian32(bytes, at: 4 + 4 * axis))
      dimensions.append(size)
      let (product, overflow) = valueCount.multipliedReportingOverflow(by: size)
      // Sizes are below 2^32, so a product that overflows cannot match any real file.
      valueCount = overflow ? Int.max - headerBytes : product
    }
    guard bytes.count - headerBytes == valueCount else {
      throw .sizeMismatch(
        path: path, expectedBytes: headerBytes + valueCount, foundBytes: bytes.count)
    }
    self.dimensions = dimensions
    self.values = Array(bytes[headerBytes...])
  }

  /// Reads and parses the IDX file at `path`, gunzipping it first if it is gzip data.
  /// - Throws: `unreadableFile`, `decompressionFailed`, `wrongMagic` or `sizeMismatch`.
  /// - Complexity: O(file size).
  public init(contentsOf path: String, expectedMagic: UInt32) throws(DatasetError) {
    try self.init(
      parsing: try FileBytes.readDecompressing(path), expectedMagic: expectedMagic, path: path)
  }

  private static func bigEndian32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
      | UInt32(bytes[offset + 3])
  }
}
