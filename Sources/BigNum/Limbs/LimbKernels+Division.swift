// Division of limb vectors: by one limb, and Knuth's Algorithm D for longer divisors.

extension LimbKernels {
  /// `q[0..<n] = u[0..<n] / d`; returns `u mod d`. Needs `d > 0`; `q` may equal `u`. Uses the
  /// hardware 128-by-64-bit division, so it performs no limb products.
  static func divideRow(
    _ q: UnsafeMutablePointer<UInt64>, _ u: UnsafePointer<UInt64>, _ n: Int, _ d: UInt64
  ) -> UInt64 {
    var remainder: UInt64 = 0
    var i = n &- 1
    while i >= 0 {
      (q[i], remainder) = d.dividingFullWidth((remainder, u[i]))
      i &-= 1
    }
    return remainder
  }

  /// Knuth's Algorithm D (TAOCP vol. 2, §4.3.1): divides `u[0..<un]` by `v[0..<n]`, writing the
  /// `un − n` quotient limbs to `q` and leaving the remainder in `u[0..<n]` (the limbs above are
  /// zeroed by the process).
  ///
  /// Needs `n ≥ 2`, the top bit of `v[n−1]` set (the caller shifts both operands), and
  /// `u[un−1] < v[n−1]` or equal with the rest smaller, so each quotient limb fits (the caller
  /// gives `u` an extra high limb). Returns the limb products done: `n` per quotient limb for the
  /// multiply-and-subtract, plus one per evaluation of the two-limb test of step D3.
  static func divideKnuth(
    _ q: UnsafeMutablePointer<UInt64>, _ u: UnsafeMutablePointer<UInt64>, _ un: Int,
    _ v: UnsafePointer<UInt64>, _ n: Int
  ) -> Int {
    let vTop = v[n &- 1]
    let vNext = v[n &- 2]
    var count = 0
    var j = un &- n &- 1
    while j >= 0 {
      let uTop = u[j &+ n]
      let uMiddle = u[j &+ n &- 1]
      let uLow = u[j &+ n &- 2]
      // D3: estimate q̂ from the top two limbs; q̂ is at most two too large.
      var qHat: UInt64
      var rHat: UInt64
      var rHatOverflowed = false
      if uTop >= vTop {
        // The two-limb quotient would be ≥ 2⁶⁴: cap q̂ at 2⁶⁴ − 1, so r̂ = uMiddle + vTop.
        qHat = UInt64.max
        (rHat, rHatOverflowed) = uMiddle.addingReportingOverflow(vTop)
      } else {
        (qHat, rHat) = vTop.dividingFullWidth((uTop, uMiddle))
      }
      while !rHatOverflowed {
        count &+= 1
        let product = qHat.multipliedFullWidth(by: vNext)
        guard product.high > rHat || (product.high == rHat && product.low > uLow) else { break }
        qHat &-= 1
        (rHat, rHatOverflowed) = rHat.addingReportingOverflow(vTop)
      }
      // D4–D6: subtract q̂·v; add back once if q̂ was still one too large.
      let borrow = subtractMultipleRow(u + j, v, n, qHat)
      count &+= n
      let (top, wentNegative) = uTop.subtractingReportingOverflow(borrow)
      u[j &+ n] = top
      if wentNegative {
        qHat &-= 1
        u[j &+ n] &+= add(u + j, u + j, v, n)
      }
      q[j] = qHat
      j &-= 1
    }
    return count
  }
}
