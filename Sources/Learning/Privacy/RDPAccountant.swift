#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A Rényi differential privacy accountant for the sampled Gaussian mechanism (Mironov, Talwar,
/// Zhang 2019, "Rényi Differential Privacy of the Sampled Gaussian Mechanism"), at integer orders.
///
/// Each order α keeps the accumulated RDP ε(α): composing mechanisms adds their RDP at every order
/// (Mironov 2017, "Rényi Differential Privacy", Proposition 1), and a guarantee (ε, δ) is read off
/// by minimising a conversion over the orders:
/// - `standard` (Mironov 2017, Proposition 3): ε = ε(α) + log(1/δ)/(α − 1). This is exactly the
///   bound of Abadi et al.'s moments accountant (CCS 2016) with λ = α − 1.
/// - `improved` (Balle, Barthe, Gaboardi, Hsu, Sato, AISTATS 2020, "Hypothesis Testing
///   Interpretations and Rényi Differential Privacy", Theorem 21; also Canonne, Kamath, Steinke
///   2020, Proposition 12): ε = ε(α) + log((α − 1)/α) − (log δ + log α)/(α − 1), never larger.
///   It is the default.
///
/// ```
/// var accountant = try RDPAccountant()
/// try accountant.composeSampledGaussian(samplingRate: 0.01, noiseMultiplier: 4, steps: 10_000)
/// let (epsilon, order) = try accountant.epsilon(delta: 1e-5)   // ≈ 1.035 at α = 17
/// ```
///
/// The accountant is analysis done by the experimenter, not a task a simulated node runs, so it
/// reports no `Work`.
public struct RDPAccountant: Sendable, Equatable {
  /// How RDP is converted to an (ε, δ) guarantee.
  public enum Conversion: Sendable, Equatable {
    /// ε(α) + log(1/δ)/(α − 1) (Mironov 2017, Proposition 3; the moments accountant's bound).
    case standard
    /// ε(α) + log((α − 1)/α) − (log δ + log α)/(α − 1) (Balle et al. 2020, Theorem 21).
    case improved
  }

  /// The orders 2, 3, …, 256: enough for the usual DP-SGD regimes (the optimum for q = 0.01,
  /// σ = 4 lies between 9 and 20; a small σ or many steps moves it towards 2).
  public static let defaultOrders: [Int] = Array(2...256)

  /// The Rényi orders α tracked, strictly ascending, each ≥ 2.
  public let orders: [Int]
  /// The accumulated RDP ε(α) at each order, in nats; `rdp[i]` belongs to `orders[i]`.
  public private(set) var rdp: [Double]

  /// An accountant with nothing composed yet, tracking `orders`.
  /// - Throws: `PrivacyError.noOrders`, `.orderBelowTwo` or `.ordersNotAscending`.
  public init(orders: [Int] = RDPAccountant.defaultOrders) throws(PrivacyError) {
    guard let first = orders.first else { throw .noOrders }
    guard first >= 2 else { throw .orderBelowTwo(first) }
    for i in orders.indices.dropFirst() where orders[i] <= orders[i - 1] {
      throw .ordersNotAscending(previous: orders[i - 1], order: orders[i])
    }
    self.orders = orders
    self.rdp = [Double](repeating: 0, count: orders.count)
  }

  /// Adds `steps` runs of the sampled Gaussian mechanism: each record is included with
  /// probability `samplingRate` (Poisson sampling) and Gaussian noise of standard deviation
  /// `noiseMultiplier` × the L2 sensitivity is added. `samplingRate == 1` is the plain Gaussian
  /// mechanism.
  /// - Throws: `PrivacyError.samplingRateOutOfRange`, `.nonPositiveNoiseMultiplier` or
  ///   `.negativeStepCount`.
  /// - Complexity: O(Σ α) over the tracked orders.
  public mutating func composeSampledGaussian(
    samplingRate q: Double, noiseMultiplier sigma: Double, steps: Int
  ) throws(PrivacyError) {
    guard q >= 0 && q <= 1 else { throw .samplingRateOutOfRange(q) }
    guard sigma.isFinite && sigma > 0 else { throw .nonPositiveNoiseMultiplier(sigma) }
    guard steps >= 0 else { throw .negativeStepCount(steps) }
    for i in orders.indices {
      rdp[i] +=
        Double(steps)
        * RDPAccountant.sampledGaussianRDP(
          order: orders[i], samplingRate: q, noiseMultiplier: sigma)
    }
  }

  /// The smallest ε, over the tracked orders, for which everything composed so far is
  /// (ε, δ)-DP, and the order that attains it (the lowest order on a tie).
  ///
  /// ε is reported as at least 0: a negative bound (possible with the improved conversion when
  /// almost nothing was composed) implies (0, δ)-DP.
  /// - Throws: `PrivacyError.deltaOutOfRange` unless 0 < δ < 1.
  /// - Complexity: O(orders.count).
  public func epsilon(delta: Double, conversion: Conversion = .improved) throws(PrivacyError) -> (
    epsilon: Double, order: Int
  ) {
    guard delta > 0 && delta < 1 else { throw .deltaOutOfRange(delta) }
    var best = (epsilon: Double.infinity, order: orders[0])
    for (alpha, accumulated) in zip(orders, rdp) {
      let a = Double(alpha)
      let candidate: Double
      switch conversion {
      case .standard:
        candidate = accumulated + log(1 / delta) / (a - 1)
      case .improved:
        candidate = accumulated + log1p(-1 / a) - (log(delta) + log(a)) / (a - 1)
      }
      if candidate < best.epsilon { best = (candidate, alpha) }
    }
    return (max(best.epsilon, 0), best.order)
  }
}
