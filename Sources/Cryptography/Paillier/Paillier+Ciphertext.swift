import BigNum

extension Paillier {
  /// A Paillier ciphertext: a unit c of Z*_{n²} for the key that made it. It does not record its
  /// key; operations take the key explicitly.
  public struct Ciphertext: Sendable, Hashable {
    /// The integer c, below n².
    public let value: BigUInt

    /// The ciphertext with integer value `value` (for example one read from python-paillier's
    /// `EncryptedNumber.ciphertext(be_secure=False)`). Operations assume `value < n²` of the
    /// key they are used with; `init(decimal:for:)` and `init(decoding:for:)` check it.
    public init(value: BigUInt) { self.value = value }

    /// The ciphertext whose value is the decimal text `decimal`, checked against `publicKey`.
    /// - Throws: `PaillierError.invalidDecimal`, or `.ciphertextOutOfRange` when the value is
    ///   not below n².
    public init(decimal: String, for publicKey: PublicKey) throws(PaillierError) {
      let value = try Paillier.parseDecimal(decimal, field: "ciphertext")
      try self.init(checking: value, for: publicKey)
    }

    /// The ciphertext encoded in `bytes`: exactly `publicKey.ciphertextByteCount` big-endian
    /// bytes, as `encode(for:)` writes them.
    /// - Throws: `PaillierError.wrongByteCount` or `.ciphertextOutOfRange`.
    public init(decoding bytes: [UInt8], for publicKey: PublicKey) throws(PaillierError) {
      guard bytes.count == publicKey.ciphertextByteCount else {
        throw .wrongByteCount(
          field: "Paillier ciphertext", byteCount: bytes.count,
          expected: publicKey.ciphertextByteCount)
      }
      try self.init(checking: BigUInt(bigEndianBytes: bytes), for: publicKey)
    }

    private init(checking value: BigUInt, for publicKey: PublicKey) throws(PaillierError) {
      guard value < publicKey.nSquared else {
        throw .ciphertextOutOfRange(
          bitCount: value.bitLength, modulusSquaredBitCount: publicKey.nSquared.bitLength)
      }
      self.value = value
    }

    /// The value in decimal, as python-paillier's `EncryptedNumber(public_key, int(text))`
    /// reads it.
    public var decimal: String { value.description }

    /// The value as exactly `publicKey.ciphertextByteCount` big-endian bytes (2·|n| bits,
    /// zero-padded): every ciphertext of a key has the same size on the wire.
    /// - Precondition: the value is below n².
    /// - Complexity: O(|n|).
    public func encode(for publicKey: PublicKey) -> [UInt8] {
      precondition(
        value < publicKey.nSquared,
        "Paillier.Ciphertext.encode: the value has \(value.bitLength) bits, not below n²")
      return value.bigEndianBytes(count: publicKey.ciphertextByteCount)
    }
  }
}
