import BigNum
import SimCore
import Testing

struct BigUIntTextTests {
  @Test func decimalTextRoundTrips() {
    for seed in UInt64(0)..<1500 {
      var generator = Xoshiro256StarStar(seed: seed)
      let value = randomOperand(maxLimbs: 8, using: &generator)
      #expect(BigUInt(value.description) == value, "seed \(seed): \(value)")
    }
  }

  @Test func hexTextRoundTrips() {
    for seed in UInt64(0)..<1500 {
      var generator = Xoshiro256StarStar(seed: seed)
      let value = randomOperand(maxLimbs: 8, using: &generator)
      #expect(BigUInt(hex: value.hexString) == value, "seed \(seed): \(value.hexString)")
      #expect(BigUInt(hex: "0x" + value.hexString.uppercased()) == value, "seed \(seed)")
    }
  }

  @Test func bigEndianBytesRoundTrip() {
    for seed in UInt64(0)..<1500 {
      var generator = Xoshiro256StarStar(seed: seed)
      let value = randomOperand(maxLimbs: 8, using: &generator)
      let padding = generator.nextInt(below: 9)
      let bytes = value.bigEndianBytes(count: value.byteCount + padding)
      #expect(bytes.count == value.byteCount + padding, "seed \(seed)")
      #expect(bytes.prefix(padding).allSatisfy { $0 == 0 }, "seed \(seed)")
      #expect(BigUInt(bigEndianBytes: bytes) == value, "seed \(seed)")
      #expect(BigUInt(bigEndianBytes: bytes.dropFirst(padding)) == value, "seed \(seed)")
    }
  }

  @Test func knownValuesConvertBothWays() {
    // 2¹²⁷ − 1 (the Mersenne prime M127) in decimal and hexadecimal.
    let m127 = (BigUInt.one << 127) - .one
    #expect(m127.description == "170141183460469231731687303715884105727")
    #expect(m127.hexString == "7fffffffffffffffffffffffffffffff")
    #expect(BigUInt("170141183460469231731687303715884105727") == m127)
    // 10¹⁹ is the chunk size of the decimal conversion: check both sides of it.
    #expect(BigUInt("10000000000000000000")!.limbs == [10_000_000_000_000_000_000])
    #expect(BigUInt("9999999999999999999")!.limbs == [9_999_999_999_999_999_999])
    #expect(BigUInt("18446744073709551616")! == BigUInt.one << 64)
    #expect(BigUInt("000123") == BigUInt(123))
    #expect(BigUInt.zero.description == "0" && BigUInt.zero.hexString == "0")
    #expect(BigUInt(hex: "0x0102")!.bigEndianBytes(count: 4) == [0, 0, 1, 2])
    #expect(BigUInt(bigEndianBytes: [0xDE, 0xAD, 0xBE, 0xEF, 0x01]) == BigUInt(0xDE_ADBE_EF01))
    #expect(BigUInt.zero.bigEndianBytes(count: 0).isEmpty && BigUInt.zero.byteCount == 0)
  }

  @Test(arguments: ["", "-1", "+1", "12a", " 1", "1 ", "1_000", "٣"])
  func malformedDecimalIsRejected(text: String) {
    #expect(BigUInt(text) == nil)
  }

  @Test(arguments: ["", "0x", "0xg", "12 34", "-ff", "0xx1", "#ff"])
  func malformedHexIsRejected(text: String) {
    #expect(BigUInt(hex: text) == nil)
  }

  @Test func integerLiteralsOfAnySizeAreExact() {
    let large: BigUInt = 0xFFFF_FFFF_FFFF_FFFF_0000_0000_0000_0001_8000_0000_0000_0000
    #expect(large == BigUInt(hex: "ffffffffffffffff00000000000000018000000000000000"))
    let m127: BigUInt = 170_141_183_460_469_231_731_687_303_715_884_105_727  // 2¹²⁷ − 1
    #expect(m127 == (BigUInt.one << 127) - .one)
    let small: BigUInt = 42
    #expect(small == BigUInt(42))
    let zero: BigUInt = 0
    #expect(zero.isZero)
  }
}
