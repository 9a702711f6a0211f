/// The exponential and the natural logarithm in `Double`, written out so that softmax and the
/// cross-entropy loss give the same bits on every machine and C library.
///
/// The C library's `exp` and `log` may differ in the last bit between versions and between the
/// code paths a CPU selects at run time (glibc picks FMA variants where the CPU has them), which
/// would make a training run's bits depend on the host. These versions use only `+`, `−`, `×`, `÷`
/// in a fixed order, each correctly rounded by IEEE 754, so they are reproducible everywhere.
/// Accuracy is a few ulps of `Double`, far below the float32 precision their callers keep.
public enum Elementary {
  /// ln 2 split into a high part with trailing zero bits (so `n × ln2High` is exact for
  /// |n| < 2¹¹) and the remainder: Cody and Waite's range reduction ("Software Manual for the
  /// Elementary Functions", 1980, ch. 6).
  @usableFromInline static let ln2High = 0x1.62e42fee00000p-1
  @usableFromInline static let ln2Low = 0x1.a39ef35793c76p-33

  /// e raised to `x`. Returns 0 below −745.2 (where `Double` underflows), +∞ above 709.8.
  ///
  /// `x = n·ln 2 + r` with `|r| ≤ ln 2 / 2`, then `eʳ` by its Taylor series to degree 16 (the
  /// truncation error is below `0.35¹⁷/17! < 2·10⁻²²`), scaled by `2ⁿ`.
  public static func exp(_ x: Double) -> Double {
    if x.isNaN { return x }
    if x < -745.2 { return 0 }
    if x > 709.8 { return .infinity }
    let n = (x * 0x1.71547652b82fep0).rounded(.toNearestOrEven)  // x / ln 2
    let r = (x - n * ln2High) - n * ln2Low
    // Horner's rule on Σ rᵏ/k!, k = 0…16, innermost term first.
    var sum = 1.0
    var k = 16.0
    while k >= 1 {
      sum = 1 + sum * r / k
      k -= 1
    }
    return scaleByPowerOfTwo(sum, Int(n))
  }

  /// The natural logarithm of `x`. Returns −∞ at 0 and NaN below 0.
  ///
  /// `x = m·2ᵉ` with `m ∈ [√½, √2)`, then `ln m = 2·atanh(t)`, `t = (m − 1)/(m + 1)`, summed as
  /// `2(t + t³/3 + t⁵/5 + …)` to the 25th power (`|t| < 0.172`, so the tail is below `10⁻²⁰`).
  public static func log(_ x: Double) -> Double {
    if x.isNaN || x < 0 { return .nan }
    if x == 0 { return -.infinity }
    if x == .infinity { return x }
    var exponent = Int(x.exponent)
    var m = x.significand  // in [1, 2), also for subnormal x
    if m > 0x1.6a09e667f3bcdp0 {  // √2
      m /= 2
      exponent += 1
    }
    let t = (m - 1) / (m + 1)
    let t2 = t * t
    var series = 0.0
    var k = 25.0
    while k >= 1 {
      series = 1 / k + t2 * series
      k -= 2
    }
    return Double(exponent) * ln2Low + (2 * t * series + Double(exponent) * ln2High)
  }

  /// `value × 2ⁿ`, exact unless the result is subnormal or overflows.
  @usableFromInline
  static func scaleByPowerOfTwo(_ value: Double, _ n: Int) -> Double {
    if n > 1023 {
      return value * 0x1p1023 * Double(sign: .plus, exponent: n - 1023, significand: 1)
    }
    if n < -1022 {
      return value * 0x1p-1022 * Double(sign: .plus, exponent: max(n + 1022, -1074), significand: 1)
    }
    return value * Double(sign: .plus, exponent: n, significand: 1)
  }
}
