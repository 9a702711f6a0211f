#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

// RDP of the sampled Gaussian mechanism at an integer order α ≥ 2 (Mironov, Talwar, Zhang 2019,
// §3.3): with q the sampling rate and σ the noise multiplier,
//
//   ε(α) = log(A_α) / (α − 1),   A_α = Σ_{k=0}^{α} C(α,k) (1 − q)^(α−k) q^k exp((k² − k)/(2σ²)).
//
// The binomial weights C(α,k)(1−q)^(α−k)q^k sum to 1, and the k = 0 and k = 1 exponentials are 1,
// so A_α = 1 + B with
//
//   B = Σ_{k=2}^{α} C(α,k) (1 − q)^(α−k) q^k (exp((k² − k)/(2σ²)) − 1),
//
// a sum of non-negative terms. Every term is formed as a logarithm and combined by log-sum-exp,
// and log A_α = log(1 + e^(log B)) is evaluated stably in both directions; this keeps full
// relative precision both when ε(α) is tiny (q → 0, where 1 + B would round B away) and when the
// terms overflow a Double (small σ, large α). At q = 1 only k = α survives and
// ε(α) = α/(2σ²), the Gaussian mechanism's RDP.

extension RDPAccountant {
  /// ε(α) of one run of the sampled Gaussian mechanism with sampling rate `samplingRate` and
  /// noise multiplier `noiseMultiplier`, in nats.
  /// - Precondition: `order ≥ 2`, `0 ≤ samplingRate ≤ 1`, `noiseMultiplier > 0`.
  /// - Complexity: O(order).
  public static func sampledGaussianRDP(
    order alpha: Int, samplingRate q: Double, noiseMultiplier sigma: Double
  ) -> Double {
    precondition(
      alpha >= 2 && q >= 0 && q <= 1 && sigma > 0,
      "sampled Gaussian RDP needs α ≥ 2, 0 ≤ q ≤ 1, σ > 0; got α = \(alpha), q = \(q), σ = \(sigma)"
    )
    let logQ = log(q)  // −∞ at q = 0: every term vanishes, ε = 0
    let logOneMinusQ = log1p(-q)  // −∞ at q = 1: only k = α survives
    let twoSigmaSquared = 2 * sigma * sigma
    var logTerms = [Double]()
    logTerms.reserveCapacity(alpha - 1)
    var logBinomial = log(Double(alpha))  // log C(α, 1)
    for k in 2...alpha {
      logBinomial += log(Double(alpha - k + 1)) - log(Double(k))
      let exponent = Double(k * k - k) / twoSigmaSquared
      // (α − k)·log(1 − q) is 0 when α = k, even at q = 1 where the logarithm is −∞.
      let tail = alpha == k ? 0 : Double(alpha - k) * logOneMinusQ
      let logWeight = logBinomial + tail + Double(k) * logQ
      // A vanishing weight wins even against an infinite exponential (σ → 0).
      logTerms.append(logWeight == -.infinity ? -.infinity : logWeight + logExpm1(exponent))
    }
    let logB = logSumExp(logTerms)
    // log(1 + e^x) without overflow for large x or loss of precision for very negative x.
    let logA = logB > 0 ? logB + log1p(exp(-logB)) : log1p(exp(logB))
    return logA / Double(alpha - 1)
  }

  /// log(eˣ − 1) for x > 0, without overflow.
  static func logExpm1(_ x: Double) -> Double {
    x > 30 ? x + log1p(-exp(-x)) : log(expm1(x))
  }

  /// log Σ eˣⁱ, summed in index order after factoring out the maximum; −∞ for no finite term.
  static func logSumExp(_ values: [Double]) -> Double {
    guard let largest = values.max(), largest > -Double.infinity else { return -.infinity }
    if largest == .infinity { return .infinity }
    var sum = 0.0
    for value in values { sum += exp(value - largest) }
    return largest + log(sum)
  }
}
