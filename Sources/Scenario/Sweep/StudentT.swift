import Foundation

/// Student's t distribution with an integer number of degrees of freedom ν.
///
/// With x = ν / (ν + t²) and y = 1 − x, the tail is P(T > t) = ½ I_x(ν/2, ½) and the central
/// half P(0 < T ≤ t) = ½ I_y(½, ν/2) (Abramowitz & Stegun §26.5 and §26.7), where I is the
/// regularized incomplete beta function. Each probability is taken from the form that is small,
/// so it keeps its relative precision; I comes from its continued fraction, contracted and
/// rewritten to avoid cancellation (see `IncompleteBeta`), and its prefactor from logarithms.
///
/// Measured against 60-digit references (mpmath) on a grid of ν from 1 to `Int.max` and t from
/// 10⁻³⁰⁰ to 10⁵⁰: the relative error of the smaller tail is below 10⁻¹⁴ for ν ≤ 10⁴ and
/// P ≥ 10⁻⁸, and below 4·10⁻¹⁴ for every ν; in the far tail it grows by about 10⁻¹⁶ per unit of
/// |ln P| (7·10⁻¹⁴ at P = 10⁻²⁸⁰), from the exponential of the prefactor. Quantiles at
/// probabilities from 0.005 to 0.995 were within 3·10⁻¹⁵.
public enum StudentT {
  /// The quantile (inverse CDF) of Student's t distribution with `degreesOfFreedom` ≥ 1 at
  /// `probability` in (0, 1).
  ///
  /// Bisection over the bit patterns of the non-negative doubles, which order as the doubles do:
  /// at most 63 halvings reach two adjacent doubles, and the one whose probability is nearer the
  /// target is returned. Exactly antisymmetric: `quantile(p) == -quantile(1 - p)` whenever
  /// `1 - p` is exact. Infinite only when the quantile is beyond the largest finite double
  /// (ν = 1, p below about 1.8·10⁻³⁰⁹).
  /// - Precondition: `degreesOfFreedom >= 1` and `0 < probability < 1`.
  /// - Complexity: at most 66 evaluations of the distribution, each a few dozen
  ///   continued-fraction terms.
  public static func quantile(_ probability: Double, degreesOfFreedom: Int) -> Double {
    precondition(
      degreesOfFreedom >= 1, "StudentT.quantile: degreesOfFreedom \(degreesOfFreedom) is below 1")
    precondition(
      probability > 0 && probability < 1,
      "StudentT.quantile: probability \(probability) is outside (0, 1)")
    if probability == 0.5 { return 0 }
    let nu = Double(degreesOfFreedom)
    // 1 − p is exact for p in [½, 1) and ½ − q for q in [¼, ½] (Sterbenz), so choosing the
    // smaller tail q, and the central half ½ − q when q ≥ ¼, loses nothing.
    let tail = min(probability, 1 - probability)
    let magnitude =
      tail >= 0.25
      ? solve(0.5 - tail) { centralHalf($0, nu) }
      : solve(-tail) { -upperTail($0, nu) }
    return probability < 0.5 ? -magnitude : magnitude
  }

  /// The cumulative distribution function P(T ≤ t) with `degreesOfFreedom` ≥ 1.
  ///
  /// The smaller of P(T ≤ t) and P(T > t) is computed directly, so it is accurate relative to
  /// itself; the other is 1 minus it. NaN for NaN `t`.
  /// - Precondition: `degreesOfFreedom >= 1`.
  /// - Complexity: one or two evaluations of a continued fraction of at most about 70 terms.
  public static func cumulative(_ t: Double, degreesOfFreedom: Int) -> Double {
    precondition(
      degreesOfFreedom >= 1,
      "StudentT.cumulative: degreesOfFreedom \(degreesOfFreedom) is below 1")
    if t.isNaN { return .nan }
    let nu = Double(degreesOfFreedom)
    let tail = upperTail(abs(t), nu)
    if tail < 0.25 { return t < 0 ? tail : 1 - tail }
    let central = centralHalf(abs(t), nu)
    return t < 0 ? 0.5 - central : 0.5 + central
  }

  /// The t ≥ 0 where the increasing `probability(t)` crosses `target`: the nearer of the two
  /// adjacent doubles with probability(low) ≤ target < probability(high), or infinity when even
  /// the largest finite double stays at or below `target`.
  private static func solve(_ target: Double, _ probability: (Double) -> Double) -> Double {
    var low: UInt64 = 0
    var high = Double.greatestFiniteMagnitude.bitPattern
    if probability(Double(bitPattern: high)) <= target { return .infinity }
    while high - low > 1 {
      let middle = low + (high - low) / 2
      if probability(Double(bitPattern: middle)) <= target { low = middle } else { high = middle }
    }
    let (lowT, highT) = (Double(bitPattern: low), Double(bitPattern: high))
    let isHighNearer = abs(probability(highT) - target) < abs(probability(lowT) - target)
    return isHighNearer ? highT : lowT
  }

  /// P(T > t) = ½ I_x(ν/2, ½) for t ≥ 0, in [0, ½].
  private static func upperTail(_ t: Double, _ nu: Double) -> Double {
    if t == 0 { return 0.5 }
    if t == .infinity { return 0 }
    let beta = BetaArguments(t: t, nu: nu)
    return IncompleteBeta(a: nu / 2, b: 0.5).regularized(
      x: beta.x, y: beta.y, logX: beta.logX, logY: beta.logY) / 2
  }

  /// P(0 < T ≤ t) = ½ I_y(½, ν/2) for t ≥ 0, in [0, ½].
  private static func centralHalf(_ t: Double, _ nu: Double) -> Double {
    if t == 0 { return 0 }
    if t == .infinity { return 0.5 }
    let beta = BetaArguments(t: t, nu: nu)
    return IncompleteBeta(a: 0.5, b: nu / 2).regularized(
      x: beta.y, y: beta.x, logX: beta.logY, logY: beta.logX) / 2
  }

  /// x = ν / (ν + t²), y = 1 − x and their logarithms for 0 < t < ∞, written through
  /// s = t / √ν (or 1/s) so that neither t² nor 1/t² overflows and x and y each keep their
  /// relative precision; the logarithms stay finite even where x or y underflows.
  private struct BetaArguments {
    let x: Double
    let y: Double
    let logX: Double
    let logY: Double

    init(t: Double, nu: Double) {
      let s = t / nu.squareRoot()
      if s > 1 {
        let u = 1 / s
        let log1pU2 = log1p(u * u)
        (x, y) = (u * u / (1 + u * u), 1 / (1 + u * u))
        (logX, logY) = (2 * log(u) - log1pU2, -log1pU2)
      } else {
        let log1pS2 = log1p(s * s)
        (x, y) = (1 / (1 + s * s), s * s / (1 + s * s))
        (logX, logY) = (-log1pS2, 2 * log(s) - log1pS2)
      }
    }
  }
}

// MARK: - Regularized incomplete beta function

/// I_x(a, b) = B(x; a, b) / B(a, b) for a, b > 0, through its continued fraction.
private struct IncompleteBeta {
  let a: Double
  let b: Double

  /// I_x(a, b), given x, y = 1 − x and their logarithms, each computed without cancellation.
  ///
  /// The continued fraction converges quickly for x < (a + 1) / (a + b + 2); otherwise the
  /// symmetry I_x(a, b) = 1 − I_y(b, a) (A&S 6.6.3) moves it there, and for the t distribution
  /// the subtraction costs at most about one digit, because I_x is then above about 0.08.
  func regularized(x: Double, y: Double, logX: Double, logY: Double) -> Double {
    // x^a · y^b / B(a, b), from logarithms so that neither power underflows on its own.
    let prefactor = exp(a * logX + b * logY - IncompleteBeta.logBeta(a, b))
    // x < (a + 1)/(a + b + 2), tested on whichever of x and y is the smaller and so exact enough.
    let isDirect = x <= y ? x < (a + 1) / (a + b + 2) : y > (b + 1) / (a + b + 2)
    // An underflowed prefactor also bounds the work: while it is representable, a·y and
    // a·ln(1/x) stay below about 745, which keeps the continued fraction short.
    if prefactor == 0 { return isDirect ? 0 : 1 }
    if isDirect {
      return prefactor / a / IncompleteBeta.continuedFraction(a: a, b: b, x: x, y: y)
    }
    return 1 - prefactor / b / IncompleteBeta.continuedFraction(a: b, b: a, x: y, y: x)
  }

  /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
  ///
  /// For one argument small and the other large (here b = ½ and a = ν/2), ln Γ(a) and
  /// ln Γ(a + b) are large and nearly equal, and subtracting them would lose about
  /// log₁₀ ln Γ(a) digits. Their difference is taken instead from Stirling's series
  /// ln Γ(x) = (x − ½) ln x − x + ½ ln 2π + δ(x): with L = max(a, b) and s = min(a, b),
  /// ln Γ(L) − ln Γ(L + s) = −s ln L + s − (L + s − ½) ln(1 + s/L) + δ(L) − δ(L + s),
  /// where every term stays small when s is small against L. (Both arguments large would
  /// cancel again in ln Γ(s) + difference; the callers here always have s = ½.)
  static func logBeta(_ a: Double, _ b: Double) -> Double {
    let (small, large) = a < b ? (a, b) : (b, a)
    // lgamma_r, unlike lgamma, writes no global `signgam`, so parallel runs do not race.
    var sign: Int32 = 0
    guard large >= stirlingThreshold else {
      return lgamma_r(a, &sign) + lgamma_r(b, &sign) - lgamma_r(a + b, &sign)
    }
    let difference =
      -small * log(large) + small - (large + small - 0.5) * log1p(small / large)
      + stirlingRemainder(large) - stirlingRemainder(large + small)
    return lgamma_r(small, &sign) + difference
  }

  /// The argument from which `stirlingRemainder` is accurate to about 10⁻¹⁷.
  private static let stirlingThreshold = 10.0

  /// δ(x) = ln Γ(x) − ((x − ½) ln x − x + ½ ln 2π) for x ≥ 10, by its asymptotic series
  /// Σ B₂ₖ / (2k (2k − 1) x²ᵏ⁻¹) (A&S 6.1.40–6.1.41) through k = 7; the first omitted term is below
  /// 3·10⁻¹⁷ at x = 10.
  private static func stirlingRemainder(_ x: Double) -> Double {
    let inverse = 1 / x
    let inverseSquared = inverse * inverse
    // Horner in 1/x², highest order first: 1/12, −1/360, 1/1260, −1/1680, 1/1188, −691/360360,
    // 1/156.
    var series = 1.0 / 156
    series = series * inverseSquared - 691.0 / 360_360
    series = series * inverseSquared + 1.0 / 1_188
    series = series * inverseSquared - 1.0 / 1_680
    series = series * inverseSquared + 1.0 / 1_260
    series = series * inverseSquared - 1.0 / 360
    series = series * inverseSquared + 1.0 / 12
    return series * inverse
  }
}

// MARK: - Continued fraction

extension IncompleteBeta {
  /// The continued fraction K = 1 + d₁/(1 + d₂/(1 + d₃/(1 + …))) of A&S 26.5.8, with
  /// I_x(a, b) = x^a y^b / (a B(a, b) K) and the partial numerators
  /// d₂ₖ₊₁ = −(a + k)(a + b + k) x / ((a + 2k)(a + 2k + 1)),
  /// d₂ₖ = k (b − k) x / ((a + 2k − 1)(a + 2k)).
  ///
  /// Evaluated naively, K suffers cancellation when a is large and x is near 1: then every
  /// d₂ₖ₊₁ is close to −1 and K is of order (1 − x) a, so ν = 10⁶ would lose about five digits.
  /// Two rewrites avoid it. First, the even contraction (pairing each d₂ₖ with d₂ₖ₊₁) gives
  /// K = 1 + d₁ / R, R − 1 = d₂ − d₂ d₃ / S,
  /// S = β₁ + α₂/(β₂ + α₃/(β₃ + …)), βₖ = (1 + d₂ₖ₊₁) + d₂ₖ₊₂, αₖ = −d₂ₖ d₂ₖ₊₁,
  /// so K = ((1 + d₁) + (R − 1)) / R without forming 1 + d₁/R. Second, 1 + d₂ₖ₊₁ is computed
  /// from y as (a (2k + 1 − b) + k (3k + 2 − b) + (a + k)(a + b + k) y) / ((a + 2k)(a + 2k + 1)),
  /// a sum of non-negative terms when b ≤ 1; for b > 1 the plain 1 + d₂ₖ₊₁ is the better form.
  ///
  /// S is evaluated forwards by the modified Lentz method (Lentz 1976; Thompson & Barnett 1986):
  /// the ratios C = Aₖ/Aₖ₋₁ and D = Bₖ₋₁/Bₖ of successive convergents are carried, each nudged
  /// off zero, and S is their running product, stopped when a term changes it by less than
  /// `tolerance`. On the accuracy grid of `StudentT` it never took more than 65 terms.
  fileprivate static func continuedFraction(a: Double, b: Double, x: Double, y: Double) -> Double {
    /// d₂ₖ₊₁.
    func odd(_ k: Double) -> Double { -(a + k) * (a + b + k) * x / ((a + 2 * k) * (a + 2 * k + 1)) }
    /// 1 + d₂ₖ₊₁, without cancellation.
    func onePlusOdd(_ k: Double) -> Double {
      guard b <= 1 else { return 1 + odd(k) }
      let numerator = a * (2 * k + 1 - b) + k * (3 * k + 2 - b) + (a + k) * (a + b + k) * y
      return numerator / ((a + 2 * k) * (a + 2 * k + 1))
    }
    /// d₂ₖ.
    func even(_ k: Double) -> Double { k * (b - k) * x / ((a + 2 * k - 1) * (a + 2 * k)) }

    let tiny = 1e-300
    let tolerance = 4 * Double.ulpOfOne
    // The bound only turns a bug (an endless loop) into a trap; see the measured count above.
    let maximumTerms = 10_000
    var s = onePlusOdd(1) + even(2)
    if abs(s) < tiny { s = tiny }
    var c = s
    var d = 0.0
    var isConverged = false
    for term in 2...maximumTerms {
      let k = Double(term)
      let alpha = -even(k) * odd(k)
      let beta = onePlusOdd(k) + even(k + 1)
      d = beta + alpha * d
      if abs(d) < tiny { d = tiny }
      c = beta + alpha / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = c * d
      s *= delta
      if abs(delta - 1) < tolerance {
        isConverged = true
        break
      }
    }
    precondition(
      isConverged,
      "IncompleteBeta: continued fraction for a \(a), b \(b), x \(x) did not converge in "
        + "\(maximumTerms) terms")
    let rMinusOne = even(1) - even(1) * odd(1) / s
    return (onePlusOdd(0) + rMinusOne) / (1 + rMinusOne)
  }
}
