import SimCore

/// The most a block may hold: bytes (the whole encoded block, header and signature included)
/// and gas (the sum of its transactions' gas).
public struct BlockLimits: Hashable, Sendable {
  /// The largest encoded block accepted.
  public var maxBlockBytes: ByteCount
  /// The largest total gas accepted.
  public var maxGas: UInt64

  /// Limits of `maxBlockBytes` and `maxGas`.
  /// - Precondition: `maxBlockBytes` leaves room for a header and signature
  ///   (`Block.overheadByteCount`).
  public init(maxBlockBytes: ByteCount, maxGas: UInt64) {
    precondition(
      maxBlockBytes.bytes >= Int64(Block.overheadByteCount),
      "BlockLimits: \(maxBlockBytes.bytes) bytes cannot hold a block's"
        + " \(Block.overheadByteCount)-byte header and signature")
    self.maxBlockBytes = maxBlockBytes
    self.maxGas = maxGas
  }

  /// Bitcoin's 1 MB block size and Ethereum's 30,000,000 block gas limit (the EIP-1559 maximum:
  /// twice the 15 M target).
  public static let standard = BlockLimits(maxBlockBytes: .megabytes(1), maxGas: 30_000_000)
}
