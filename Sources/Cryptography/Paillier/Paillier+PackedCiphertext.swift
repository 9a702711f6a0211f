import BigNum
import SimCore

extension Paillier {
  /// A vector of quantised values encrypted under a `Packing`: one ciphertext per
  /// `slotsPerPlaintext` values, holding the sum of `summandCount` vectors.
  ///
  /// ```swift
  /// let packing = try Paillier.Packing(
  ///   publicKey: key, valueBitCount: 16, maximumSummandCount: 100)
  /// let q = try packing.quantize(update, clippingBound: 0.5)
  /// var total = try key.encryptPacked(q, packing: packing, using: &nonces, work: &work)
  /// total = try key.add(total, otherClient, work: &work)
  /// let sums = try privateKey.decrypt(total, work: &work)  // per-coordinate integer sums
  /// ```
  public struct PackedCiphertext: Sendable, Equatable {
    /// The slot layout.
    public let packing: Packing
    /// The number of values in the vector.
    public let valueCount: Int
    /// How many packed vectors this one is the sum of (1 when freshly encrypted).
    public let summandCount: Int
    /// The ciphertexts, `packing.plaintextCount(forValueCount: valueCount)` of them.
    public let ciphertexts: [Ciphertext]

    /// A packed vector from its parts (for example received over the simulated network).
    /// - Precondition: the ciphertext count matches `valueCount`, and `summandCount` is in
    ///   1...`packing.maximumSummandCount`.
    public init(packing: Packing, valueCount: Int, summandCount: Int, ciphertexts: [Ciphertext]) {
      precondition(
        ciphertexts.count == packing.plaintextCount(forValueCount: valueCount),
        "Paillier.PackedCiphertext: \(ciphertexts.count) ciphertexts for \(valueCount) values")
      precondition(
        (1...packing.maximumSummandCount).contains(summandCount),
        "Paillier.PackedCiphertext: summand count \(summandCount) outside "
          + "1...\(packing.maximumSummandCount)")
      self.packing = packing
      self.valueCount = valueCount
      self.summandCount = summandCount
      self.ciphertexts = ciphertexts
    }

    /// The size on the wire: every ciphertext at the key's fixed ciphertext size. The layout,
    /// value count and summand count are protocol parameters both sides know, not sent.
    public var encodedByteCount: Int { ciphertexts.count * packing.ciphertextByteCount }

    /// The ciphertexts, each as `packing.ciphertextByteCount` big-endian bytes, concatenated.
    /// - Complexity: O(`encodedByteCount`).
    public func encode() -> [UInt8] {
      var bytes: [UInt8] = []
      bytes.reserveCapacity(encodedByteCount)
      for c in ciphertexts {
        bytes += c.value.bigEndianBytes(count: packing.ciphertextByteCount)
      }
      return bytes
    }
  }
}

// MARK: - Encrypting, adding and decrypting packed vectors

extension Paillier.PublicKey {
  /// `quantized` packed by `packing` and encrypted, one fresh rⁿ per ciphertext; adds the
  /// encryptions' limb products to `work`.
  /// - Throws: `PaillierError.quantizedValueOutOfRange` (from `Packing.pack`).
  /// - Precondition: `packing` was made for this key.
  /// - Complexity: `packing.plaintextCount(forValueCount:)` encryptions.
  public func encryptPacked(
    _ quantized: [Int32], packing: Paillier.Packing,
    using generator: inout some RandomNumberGenerator, work: inout Work
  ) throws(PaillierError) -> Paillier.PackedCiphertext {
    precondition(packing.modulus == n, "Paillier.encryptPacked: the packing is for another key")
    let plaintexts = try packing.pack(quantized)
    let ciphertexts = plaintexts.map { encrypt($0, using: &generator, work: &work) }
    return Paillier.PackedCiphertext(
      packing: packing, valueCount: quantized.count, summandCount: 1, ciphertexts: ciphertexts)
  }

  /// The packed encryption of the sum of the vectors of `a` and `b`: ciphertext by ciphertext
  /// products; adds their limb products to `work`.
  /// - Throws: `PaillierError.packingMismatch` when the layouts or lengths differ,
  ///   `.tooManySummands` when the sum would exceed the layout's N.
  /// - Complexity: one modular multiplication per ciphertext.
  public func add(
    _ a: Paillier.PackedCiphertext, _ b: Paillier.PackedCiphertext, work: inout Work
  ) throws(PaillierError) -> Paillier.PackedCiphertext {
    guard a.packing == b.packing else {
      throw .packingMismatch(
        field: "slot bits", left: a.packing.slotBitCount, right: b.packing.slotBitCount)
    }
    guard a.valueCount == b.valueCount else {
      throw .packingMismatch(field: "value count", left: a.valueCount, right: b.valueCount)
    }
    let summands = a.summandCount + b.summandCount
    guard summands <= a.packing.maximumSummandCount else {
      throw .tooManySummands(count: summands, maximum: a.packing.maximumSummandCount)
    }
    var sum: [Paillier.Ciphertext] = []
    sum.reserveCapacity(a.ciphertexts.count)
    for index in a.ciphertexts.indices {
      sum.append(add(a.ciphertexts[index], b.ciphertexts[index], work: &work))
    }
    return Paillier.PackedCiphertext(
      packing: a.packing, valueCount: a.valueCount, summandCount: summands, ciphertexts: sum)
  }
}

extension Paillier.FixedBaseRandomizer {
  /// `quantized` packed by `packing` and encrypted with fixed-base randomizers; adds the
  /// randomizers' and encryptions' limb products to `work`.
  /// - Throws: `PaillierError.quantizedValueOutOfRange`.
  /// - Precondition: `packing` was made for this key.
  public func encryptPacked(
    _ quantized: [Int32], packing: Paillier.Packing,
    using generator: inout some RandomNumberGenerator, work: inout Work
  ) throws(PaillierError) -> Paillier.PackedCiphertext {
    precondition(
      packing.modulus == publicKey.n, "Paillier.encryptPacked: the packing is for another key")
    let plaintexts = try packing.pack(quantized)
    let ciphertexts = plaintexts.map { encrypt($0, using: &generator, work: &work) }
    return Paillier.PackedCiphertext(
      packing: packing, valueCount: quantized.count, summandCount: 1, ciphertexts: ciphertexts)
  }
}

extension Paillier.EncryptionRandomness {
  /// `quantized` packed by `packing` and encrypted with precomputed randomizers, one per
  /// ciphertext; adds only the online limb products to `work`.
  /// - Throws: `PaillierError.quantizedValueOutOfRange`, or `.randomnessExhausted` when the
  ///   pool holds fewer randomizers than ciphertexts (then none is consumed).
  /// - Precondition: `packing` was made for this key.
  public mutating func encryptPacked(
    _ quantized: [Int32], packing: Paillier.Packing, work: inout Work
  ) throws(PaillierError) -> Paillier.PackedCiphertext {
    precondition(
      packing.modulus == publicKey.n, "Paillier.encryptPacked: the packing is for another key")
    let plaintexts = try packing.pack(quantized)
    guard count >= plaintexts.count else { throw .randomnessExhausted }
    var ciphertexts: [Paillier.Ciphertext] = []
    ciphertexts.reserveCapacity(plaintexts.count)
    for plaintext in plaintexts {
      ciphertexts.append(try encrypt(plaintext, work: &work))
    }
    return Paillier.PackedCiphertext(
      packing: packing, valueCount: quantized.count, summandCount: 1, ciphertexts: ciphertexts)
  }
}

extension Paillier.PrivateKey {
  /// The per-coordinate sums of the quantised vectors `packed` holds: decrypts every
  /// ciphertext and unpacks with the summand count; adds the decryptions' limb products to
  /// `work`. Dequantise with `Packing.dequantize`.
  /// - Throws: as `Packing.unpack`.
  /// - Precondition: `packed.packing` was made for this key.
  /// - Complexity: one CRT decryption per ciphertext.
  public func decrypt(_ packed: Paillier.PackedCiphertext, work: inout Work) throws(PaillierError)
    -> [Int64]
  {
    precondition(
      packed.packing.modulus == publicKey.n, "Paillier.decrypt: the packing is for another key")
    let plaintexts = packed.ciphertexts.map { decrypt($0, work: &work) }
    return try packed.packing.unpack(
      plaintexts, valueCount: packed.valueCount, summandCount: packed.summandCount)
  }
}
