// Bit shifts of BigUInt values.

extension BigUInt {
  /// `value · 2^count`.
  /// - Precondition: `count >= 0`.
  /// - Complexity: O(limbs + count/64).
  public static func << (value: BigUInt, count: Int) -> BigUInt {
    precondition(count >= 0, "BigUInt shift count \(count) is negative; use >> instead")
    if value.isZero || count == 0 { return value }
    let limbShift = count / 64
    let bitShift = count % 64
    let n = value.limbs.count
    return value.limbs.withUnsafeBufferPointer { a in
      BigUInt(capacity: n + limbShift + 1) { r in
        r.initialize(repeating: 0, count: limbShift)
        if bitShift == 0 {
          (r + limbShift).initialize(from: a.baseAddress!, count: n)
          r[n + limbShift] = 0
        } else {
          r[n + limbShift] = LimbKernels.shiftLeft(r + limbShift, a.baseAddress!, n, bitShift)
        }
      }
    }
  }

  /// `⌊value / 2^count⌋`.
  /// - Precondition: `count >= 0`.
  /// - Complexity: O(limbs).
  public static func >> (value: BigUInt, count: Int) -> BigUInt {
    precondition(count >= 0, "BigUInt shift count \(count) is negative; use << instead")
    if count == 0 { return value }
    let limbShift = count / 64
    let bitShift = count % 64
    let n = value.limbs.count - limbShift
    if n <= 0 { return .zero }
    return value.limbs.withUnsafeBufferPointer { a in
      BigUInt(capacity: n) { r in
        if bitShift == 0 {
          r.initialize(from: a.baseAddress! + limbShift, count: n)
        } else {
          LimbKernels.shiftRight(r, a.baseAddress! + limbShift, n, bitShift)
        }
      }
    }
  }

  /// Multiplies `value` by `2^count`.
  /// - Precondition: `count >= 0`.
  public static func <<= (value: inout BigUInt, count: Int) { value = value << count }

  /// Divides `value` by `2^count`, rounding down.
  /// - Precondition: `count >= 0`.
  public static func >>= (value: inout BigUInt, count: Int) { value = value >> count }

  /// The `count ≤ 64` bits starting at bit `start` (bit `start` lowest), as a word.
  func bits(from start: Int, count: Int) -> UInt64 {
    let limbIndex = start / 64
    let offset = start % 64
    guard limbIndex < limbs.count else { return 0 }
    var word = limbs[limbIndex] >> UInt64(offset)
    if offset != 0 && limbIndex + 1 < limbs.count {
      word |= limbs[limbIndex + 1] << UInt64(64 - offset)
    }
    return count == 64 ? word : word & ((1 << UInt64(count)) - 1)
  }
}
