import BigNum
import SimCore
import Testing

@testable import Cryptography

/// BatchCrypt-style packing: layout arithmetic, quantisation, and encrypted sums of packed
/// vectors from several clients compared with the exact integer sums.
struct PaillierPackingTests {
  /// The configuration: 2048-bit n, 16-bit values, N = 100 clients. Headroom =
  /// ⌈log₂ 100⌉ + 1 = 8, slots of 24 bits, ⌊2047/24⌋ = 85 per plaintext, and a 199,210-value
  /// 2NN update needs ⌈199210/85⌉ = 2,344 ciphertexts of 512 bytes.
  @Test func layoutForTheTwoLayerNetworkUpdate() throws {
    let publicKey = try Paillier.PublicKey(decimalModulus: PythonPaillierVectors.n2048.n)
    let packing = try Paillier.Packing(
      publicKey: publicKey, valueBitCount: 16, maximumSummandCount: 100)
    #expect(packing.headroomBitCount == 8)
    #expect(packing.slotBitCount == 24)
    #expect(packing.slotsPerPlaintext == 85)
    #expect(packing.plaintextCount(forValueCount: 199_210) == 2_344)
    #expect(packing.valueLimit == 32_767)
  }

  /// N = 1 needs 1 headroom bit, N = 2 needs 2, N = 1024 needs 11, N = 1025 needs 12.
  @Test(arguments: [(1, 1), (2, 2), (1_024, 11), (1_025, 12)])
  func headroomIsCeilingLogPlusOne(summands: Int, headroom: Int) throws {
    let publicKey = try Paillier.PublicKey(decimalModulus: PythonPaillierVectors.n255.n)
    let packing = try Paillier.Packing(
      publicKey: publicKey, valueBitCount: 8, maximumSummandCount: summands)
    #expect(packing.headroomBitCount == headroom)
  }

  /// b = 8 so L = 127, bound 1: 0.5 → 63.5 → 64 (ties to even), −1 → −127, 0.25 → 31.75 → 32;
  /// 1.5 is outside the bound.
  @Test func quantisationRoundsAndRejectsOutOfRange() throws {
    let publicKey = try Paillier.PublicKey(decimalModulus: PythonPaillierVectors.n255.n)
    let packing = try Paillier.Packing(
      publicKey: publicKey, valueBitCount: 8, maximumSummandCount: 4)
    #expect(try packing.quantize([0.5, -1, 0.25, 0], clippingBound: 1) == [64, -127, 32, 0])
    #expect(throws: PaillierError.valueOutOfRange(index: 1, value: 1.5, bound: 1)) {
      try packing.quantize([0, 1.5], clippingBound: 1)
    }
    #expect(throws: PaillierError.quantizedValueOutOfRange(index: 0, value: 128, limit: 127)) {
      try packing.pack([128])
    }
    #expect(packing.dequantize([127, -254], clippingBound: 1) == [1, -2])
  }

  /// Five clients with 50 values each in −127…127 (the extremes included) on the 255-bit key:
  /// b = 8, headroom ⌈log₂ 5⌉ + 1 = 4, 12-bit slots, 21 per plaintext, 3 ciphertexts per
  /// vector. The decrypted packed sum equals the exact integer sum, coordinate by coordinate.
  @Test func encryptedPackedSumsMatchExactSums() throws {
    let key = try PythonPaillierVectors.smallKey()
    let publicKey = key.publicKey
    let packing = try Paillier.Packing(
      publicKey: publicKey, valueBitCount: 8, maximumSummandCount: 5)
    #expect(packing.slotsPerPlaintext == 21)
    var rng = Xoshiro256StarStar(seed: 51)
    var work = Work.zero
    var exact = [Int64](repeating: 0, count: 50)
    var total: Paillier.PackedCiphertext? = nil
    for client in 0..<5 {
      var vector = (0..<50).map { _ in Int32(rng.nextInt(in: -127...127)) }
      if client < 2 { vector[0] = client == 0 ? 127 : -127 }
      vector[49] = -127
      for index in 0..<50 { exact[index] += Int64(vector[index]) }
      let packed = try publicKey.encryptPacked(vector, packing: packing, using: &rng, work: &work)
      #expect(packed.ciphertexts.count == 3)
      total = try total.map { try publicKey.add($0, packed, work: &work) } ?? packed
    }
    let sum = try #require(total)
    #expect(sum.summandCount == 5)
    #expect(try key.decrypt(sum, work: &work) == exact)
    #expect(sum.encodedByteCount == 3 * 64 && sum.encode().count == sum.encodedByteCount)
  }

  /// A sixth vector would exceed the headroom: adding it is an error, not a wrapped slot.
  @Test func summingBeyondTheHeadroomIsRejected() throws {
    let key = try PythonPaillierVectors.smallKey()
    let publicKey = key.publicKey
    let packing = try Paillier.Packing(
      publicKey: publicKey, valueBitCount: 8, maximumSummandCount: 2)
    var rng = Xoshiro256StarStar(seed: 52)
    var work = Work.zero
    let one = try publicKey.encryptPacked([1, -1], packing: packing, using: &rng, work: &work)
    let two = try publicKey.add(one, one, work: &work)
    #expect(try key.decrypt(two, work: &work) == [2, -2])
    #expect(throws: PaillierError.tooManySummands(count: 3, maximum: 2)) {
      try publicKey.add(two, one, work: &work)
    }
    let longer = try publicKey.encryptPacked([1, 2, 3], packing: packing, using: &rng, work: &work)
    #expect(throws: PaillierError.packingMismatch(field: "value count", left: 2, right: 3)) {
      try publicKey.add(one, longer, work: &work)
    }
  }

  /// Packed encryption through the fixed-base randomizer and through a pool decrypts alike.
  @Test func everyEncryptionPathPacks() throws {
    let key = try PythonPaillierVectors.smallKey()
    let publicKey = key.publicKey
    let packing = try Paillier.Packing(
      publicKey: publicKey, valueBitCount: 4, maximumSummandCount: 3)
    var rng = Xoshiro256StarStar(seed: 53)
    var work = Work.zero
    let fast = Paillier.FixedBaseRandomizer(
      publicKey: publicKey, combRows: 4, combBlocks: 2, using: &rng, work: &work)
    var pool = Paillier.EncryptionRandomness(publicKey: publicKey)
    pool.precompute(count: 1, with: fast, using: &rng, work: &work)
    let a = try fast.encryptPacked([7, -7, 0], packing: packing, using: &rng, work: &work)
    let b = try pool.encryptPacked([-7, 7, 5], packing: packing, work: &work)
    #expect(try key.decrypt(try publicKey.add(a, b, work: &work), work: &work) == [0, 0, 5])
    #expect(throws: PaillierError.randomnessExhausted) {
      try pool.encryptPacked([1], packing: packing, work: &work)
    }
  }

  /// Parameters outside their ranges, and slots that cannot fit, are errors.
  @Test func invalidLayoutsAreRejected() throws {
    let publicKey = Paillier.PublicKey(n: 15)
    #expect(
      throws: PaillierError.invalidPackingParameter(
        field: "valueBitCount", value: 1, accepted: "2...32")
    ) {
      try Paillier.Packing(publicKey: publicKey, valueBitCount: 1, maximumSummandCount: 2)
    }
    // n = 15 has 4 bits: a 2 + 1-bit slot fits once (3 ≤ 3), a 4 + 1-bit slot does not.
    #expect(
      try Paillier.Packing(publicKey: publicKey, valueBitCount: 2, maximumSummandCount: 1)
        .slotsPerPlaintext == 1)
    #expect(throws: PaillierError.slotDoesNotFit(slotBitCount: 5, modulusBitCount: 4)) {
      try Paillier.Packing(publicKey: publicKey, valueBitCount: 4, maximumSummandCount: 1)
    }
  }
}
