import BigNum
import SimCore

/// Random operands for property sweeps. A quarter of them are built from limbs that stress
/// carries and borrows (zero, all ones, single bits), the rest from uniform limbs.
func randomOperand(maxLimbs: Int, using generator: inout Xoshiro256StarStar) -> BigUInt {
  let count = generator.nextInt(in: 0...maxLimbs)
  let isStructured = generator.nextInt(below: 4) == 0
  var limbs: [UInt64] = []
  for _ in 0..<count {
    guard isStructured else {
      limbs.append(generator.next())
      continue
    }
    switch generator.nextInt(below: 4) {
    case 0: limbs.append(0)
    case 1: limbs.append(.max)
    case 2: limbs.append(1 << UInt64(generator.nextInt(below: 64)))
    default: limbs.append(generator.next())
    }
  }
  return BigUInt(limbs: limbs)
}

/// A random operand of 1...maxLimbs limbs that is not zero.
func randomNonZeroOperand(maxLimbs: Int, using generator: inout Xoshiro256StarStar) -> BigUInt {
  while true {
    let value = randomOperand(maxLimbs: maxLimbs, using: &generator)
    if !value.isZero { return value }
  }
}

/// `base^exponent mod modulus` by plain right-to-left square-and-multiply with `%`: the slow,
/// obviously correct reference for Montgomery exponentiation.
func naivePower(_ base: BigUInt, _ exponent: BigUInt, modulo modulus: BigUInt) -> BigUInt {
  var result = BigUInt.one % modulus
  var square = base % modulus
  for bit in 0..<exponent.bitLength {
    if exponent.isBitSet(bit) { result = (result * square) % modulus }
    square = (square * square) % modulus
  }
  return result
}
