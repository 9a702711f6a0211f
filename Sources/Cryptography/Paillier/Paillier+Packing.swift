import BigNum

extension Paillier {
  /// The slot layout of BatchCrypt (Zhang et al., "BatchCrypt: Efficient homomorphic encryption
  /// for cross-silo federated learning", USENIX ATC 2020, §4): many values quantised to b-bit
  /// signed integers share one Paillier plaintext, so one encryption and one ciphertext carry
  /// `slotsPerPlaintext` values and one homomorphic addition adds them all.
  ///
  /// **Layout.** A quantised value q ∈ [−L, L] with L = 2^(b−1) − 1 is stored biased, as
  /// q + L ∈ [0, 2L] (so sums of negative values never borrow across slots), in a slot of
  /// `slotBitCount` = b + `headroomBitCount` bits, headroom = ⌈log₂ N⌉ + 1 for up to N =
  /// `maximumSummandCount` summed vectors: N·2L < 2^(b + ⌈log₂ N⌉), so a sum of N vectors never
  /// carries out of its slot. Value k goes to plaintext k / s, slot k mod s (slot 0 least
  /// significant), with s = `slotsPerPlaintext` = ⌊(|n| − 1)/`slotBitCount`⌋ so every packed
  /// plaintext stays below 2^(|n|−1) < n. Unpacking a sum of k vectors subtracts k·L per slot.
  ///
  /// For a 2048-bit key, b = 16 and N = 100: headroom 8 bits, 24-bit slots, 85 values per
  /// ciphertext, so a 199,210-parameter update takes 2,344 ciphertexts (1.2 MB) instead of
  /// 199,210 (102 MB).
  ///
  /// Quantisation maps x ∈ [−bound, bound] to round(x·L/bound) (to nearest, ties to even);
  /// values outside the bound are an error, not clipped silently: clip them first if that is
  /// the policy (BatchCrypt chooses the bound by analytic clipping). Packing and unpacking are
  /// linear-time bit manipulations and report no `Work`.
  public struct Packing: Sendable, Equatable {
    /// The plaintext modulus n of the key the layout was made for.
    public let modulus: BigUInt
    /// b: the width of a quantised value, sign included.
    public let valueBitCount: Int
    /// N: the most vectors whose sum the slots can hold.
    public let maximumSummandCount: Int
    /// ⌈log₂ N⌉ + 1 extra bits per slot.
    public let headroomBitCount: Int
    /// b + headroom: the bits per slot.
    public let slotBitCount: Int
    /// ⌊(|n| − 1)/slotBitCount⌋: the values per plaintext (and per ciphertext).
    public let slotsPerPlaintext: Int
    /// The size of one ciphertext of the key, ⌈2|n|/8⌉ bytes.
    public let ciphertextByteCount: Int

    /// The layout for `publicKey`, `valueBitCount`-bit quantised values and sums of up to
    /// `maximumSummandCount` vectors.
    /// - Throws: `PaillierError.invalidPackingParameter` unless b is in 2...32 and N in
    ///   1...2²⁰; `.slotDoesNotFit` when not one slot fits below n.
    public init(publicKey: PublicKey, valueBitCount: Int, maximumSummandCount: Int)
      throws(PaillierError)
    {
      guard (2...32).contains(valueBitCount) else {
        throw .invalidPackingParameter(
          field: "valueBitCount", value: valueBitCount, accepted: "2...32")
      }
      guard (1...(1 << 20)).contains(maximumSummandCount) else {
        throw .invalidPackingParameter(
          field: "maximumSummandCount", value: maximumSummandCount, accepted: "1...1048576")
      }
      // ⌈log₂ N⌉: the bit length of N − 1.
      let headroom = (Int.bitWidth - (maximumSummandCount - 1).leadingZeroBitCount) + 1
      let slotBits = valueBitCount + headroom
      let slots = (publicKey.modulusBitCount - 1) / slotBits
      guard slots >= 1 else {
        throw .slotDoesNotFit(slotBitCount: slotBits, modulusBitCount: publicKey.modulusBitCount)
      }
      modulus = publicKey.n
      self.valueBitCount = valueBitCount
      self.maximumSummandCount = maximumSummandCount
      headroomBitCount = headroom
      slotBitCount = slotBits
      slotsPerPlaintext = slots
      ciphertextByteCount = publicKey.ciphertextByteCount
    }

    /// L = 2^(b−1) − 1: quantised values lie in −L...L, and L is also the bias added per slot.
    public var valueLimit: Int64 { (1 << Int64(valueBitCount - 1)) - 1 }

    /// The number of plaintexts (and ciphertexts) for `valueCount` values: ⌈count/s⌉.
    public func plaintextCount(forValueCount valueCount: Int) -> Int {
      (valueCount + slotsPerPlaintext - 1) / slotsPerPlaintext
    }

    // MARK: - Quantisation

    /// The values quantised to b-bit signed integers: round(x·L/`clippingBound`).
    /// - Throws: `PaillierError.nonFiniteValue` for NaN or ±∞, `.valueOutOfRange` for
    ///   |x| > `clippingBound`.
    /// - Precondition: `clippingBound` is positive and finite.
    /// - Complexity: O(`values.count`).
    public func quantize(_ values: [Float], clippingBound: Float) throws(PaillierError)
      -> [Int32]
    {
      precondition(
        clippingBound.isFinite && clippingBound > 0,
        "Paillier.Packing.quantize: clipping bound \(clippingBound) must be positive and finite")
      let scale = Double(valueLimit) / Double(clippingBound)
      var quantized = [Int32](repeating: 0, count: values.count)
      for (index, value) in values.enumerated() {
        guard value.isFinite else { throw .nonFiniteValue(index: index) }
        guard value.magnitude <= clippingBound else {
          throw .valueOutOfRange(index: index, value: Double(value), bound: Double(clippingBound))
        }
        quantized[index] = Int32((Double(value) * scale).rounded(.toNearestOrEven))
      }
      return quantized
    }

    /// Sums of quantised values back to reals: sum·`clippingBound`/L.
    /// - Complexity: O(`sums.count`).
    public func dequantize(_ sums: [Int64], clippingBound: Float) -> [Double] {
      // Multiply, then divide: exact whenever the sum is a multiple of L.
      let bound = Double(clippingBound)
      let limit = Double(valueLimit)
      return sums.map { Double($0) * bound / limit }
    }

    // MARK: - Packing

    /// The plaintexts holding `quantized`, biased by L, s values each (the last one partly
    /// filled).
    /// - Throws: `PaillierError.quantizedValueOutOfRange` for a value outside −L...L.
    /// - Complexity: O(`quantized.count`).
    public func pack(_ quantized: [Int32]) throws(PaillierError) -> [BigUInt] {
      let limit = valueLimit
      let limbCount = (slotsPerPlaintext * slotBitCount + 63) / 64
      var plaintexts: [BigUInt] = []
      plaintexts.reserveCapacity(plaintextCount(forValueCount: quantized.count))
      var start = 0
      while start < quantized.count {
        let end = min(start + slotsPerPlaintext, quantized.count)
        var limbs = [UInt64](repeating: 0, count: limbCount)
        for index in start..<end {
          let value = Int64(quantized[index])
          guard value.magnitude <= limit else {
            throw .quantizedValueOutOfRange(index: index, value: value, limit: limit)
          }
          Self.write(UInt64(value + limit), into: &limbs, at: (index - start) * slotBitCount)
        }
        plaintexts.append(BigUInt(limbs: limbs))
        start = end
      }
      return plaintexts
    }

    /// The per-slot sums of `valueCount` values from plaintexts that each hold the sum of
    /// `summandCount` packed vectors: slot − summandCount·L.
    /// - Throws: `.packingMismatch` when the plaintext count does not match `valueCount`,
    ///   `.tooManySummands` when `summandCount` exceeds N, `.decodingOverflow` when a slot
    ///   exceeds summandCount·2L or a plaintext has bits above its slots (a wrong
    ///   `summandCount`, or plaintexts of another layout).
    /// - Precondition: `summandCount >= 1` and `valueCount >= 0`.
    /// - Complexity: O(`valueCount`).
    public func unpack(_ plaintexts: [BigUInt], valueCount: Int, summandCount: Int)
      throws(PaillierError) -> [Int64]
    {
      precondition(summandCount >= 1, "Paillier.Packing.unpack: summand count \(summandCount)")
      precondition(valueCount >= 0, "Paillier.Packing.unpack: value count \(valueCount)")
      guard plaintexts.count == plaintextCount(forValueCount: valueCount) else {
        throw .packingMismatch(
          field: "plaintext count", left: plaintexts.count,
          right: plaintextCount(forValueCount: valueCount))
      }
      guard summandCount <= maximumSummandCount else {
        throw .tooManySummands(count: summandCount, maximum: maximumSummandCount)
      }
      let bias = Int64(summandCount) * valueLimit
      let slotMaximum = UInt64(2 * bias)
      var sums = [Int64](repeating: 0, count: valueCount)
      for (plaintextIndex, plaintext) in plaintexts.enumerated() {
        guard plaintext.bitLength <= slotsPerPlaintext * slotBitCount else {
          throw .decodingOverflow(plaintextBitCount: plaintext.bitLength)
        }
        let start = plaintextIndex * slotsPerPlaintext
        for index in start..<min(start + slotsPerPlaintext, valueCount) {
          let slot = Self.read(
            plaintext.limbs, at: (index - start) * slotBitCount, count: slotBitCount)
          guard slot <= slotMaximum else {
            throw .decodingOverflow(plaintextBitCount: plaintext.bitLength)
          }
          sums[index] = Int64(slot) - bias
        }
      }
      return sums
    }

    /// ORs `value` (below 2⁶⁴, at most 63 bits wide here) into `limbs` at bit `offset`.
    private static func write(_ value: UInt64, into limbs: inout [UInt64], at offset: Int) {
      let index = offset / 64
      let shift = UInt64(offset % 64)
      limbs[index] |= value << shift
      if shift != 0 && index + 1 < limbs.count { limbs[index + 1] |= value >> (64 - shift) }
    }

    /// The `count` (≤ 63) bits of `limbs` starting at bit `offset`.
    private static func read(_ limbs: [UInt64], at offset: Int, count: Int) -> UInt64 {
      let index = offset / 64
      let shift = UInt64(offset % 64)
      guard index < limbs.count else { return 0 }
      var word = limbs[index] >> shift
      if shift != 0 && index + 1 < limbs.count { word |= limbs[index + 1] << (64 - shift) }
      return word & ((1 << UInt64(count)) - 1)
    }
  }
}
