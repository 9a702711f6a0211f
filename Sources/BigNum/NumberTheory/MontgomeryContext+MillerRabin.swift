// One Miller–Rabin round over a prepared Montgomery context.

extension MontgomeryContext {
  /// One Miller–Rabin round modulo the context's modulus n (odd, > 3) with `base` in 2..<n−1:
  /// write n − 1 = 2^s·d with d odd; n passes when base^d ≡ ±1 or some base^(2^r·d) ≡ −1, r < s.
  func isStrongProbablePrime(base: BigUInt, limbProducts: inout Int64) -> Bool {
    let minusOne = modulus - .one
    let s = minusOne.trailingZeroBitCount
    var x = power(base, minusOne >> s, limbProducts: &limbProducts)
    if x == .one || x == minusOne { return true }
    for _ in 1..<max(s, 1) {
      x = multiply(x, x, limbProducts: &limbProducts)
      if x == minusOne { return true }
      if x == .one { return false }
    }
    return false
  }
}
