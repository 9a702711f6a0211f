#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

// The analytic Gaussian mechanism (Balle and Wang, ICML 2018, Theorem 8): N(0, s²) noise on a
// function of L2 sensitivity Δ is (ε, δ)-DP exactly when
//
//   δ(s) = Φ(Δ/2s − εs/Δ) − e^ε · Φ(−Δ/2s − εs/Δ) ≤ δ.
//
// δ(s) falls monotonically from 1 (s → 0) to 0 (s → ∞), so the smallest admissible s is found by
// bisection on a bracket grown by doubling. Balle and Wang's algorithm 1 reparametrises to avoid
// the bracket; plain bisection gives the same s to the last bit at a few hundred evaluations of
// erfc, which is negligible for a value computed once per scenario.

extension GaussianMechanism {
  /// δ(s): the smallest δ for which N(0, s²) noise gives (ε, δ)-DP at L2 sensitivity
  /// `sensitivity` (Balle and Wang 2018, Theorem 8).
  public static func exactDelta(
    standardDeviation s: Double, epsilon: Double, sensitivity: Double
  ) -> Double {
    let a = sensitivity / (2 * s)
    let b = epsilon * s / sensitivity
    // e^ε·Φ(x) as exp(ε + log Φ(x)) so that a large ε cannot overflow before the tiny Φ scales it.
    let lower = standardNormalCDF(-a - b)
    let second = lower > 0 ? exp(epsilon + log(lower)) : 0
    return standardNormalCDF(a - b) - second
  }

  /// The smallest standard deviation with `exactDelta ≤ delta`, to the last bit of a `Double`.
  /// - Precondition: ε > 0, 0 < δ < 1, Δ > 0 (the initialiser checks them as input errors).
  /// - Complexity: one evaluation of erfc per doubling of the bracket, then about 55 more.
  public static func analyticStandardDeviation(
    epsilon: Double, delta: Double, sensitivity: Double
  ) -> Double {
    precondition(
      epsilon > 0 && delta > 0 && delta < 1 && sensitivity > 0,
      "analytic Gaussian needs ε > 0, 0 < δ < 1, Δ > 0; got ε = \(epsilon), δ = \(delta), "
        + "Δ = \(sensitivity)")
    func admissible(_ s: Double) -> Bool {
      exactDelta(standardDeviation: s, epsilon: epsilon, sensitivity: sensitivity) <= delta
    }
    var high = sensitivity
    var low = sensitivity
    if admissible(high) {
      repeat {
        high = low
        low /= 2
      } while admissible(low)
    } else {
      repeat {
        low = high
        high *= 2
      } while !admissible(high)
    }
    // Invariant: low is not admissible, high is.
    while true {
      let middle = low + (high - low) / 2
      if middle <= low || middle >= high { return high }
      if admissible(middle) { high = middle } else { low = middle }
    }
  }

  /// Φ(x), the standard normal distribution function, via erfc for full relative precision in
  /// the lower tail.
  static func standardNormalCDF(_ x: Double) -> Double {
    0.5 * erfc(-x / 2.0.squareRoot())
  }
}
