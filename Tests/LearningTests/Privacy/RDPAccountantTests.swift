import SimCore
import Testing

@testable import Learning

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Relative agreement with an independently computed reference (mpmath at 50 digits summing the
/// binomial expansion directly): the log-space evaluation keeps about 13 significant digits.
private let referenceTolerance = 1e-10

private func isClose(_ value: Double, _ reference: Double) -> Bool {
  abs(value - reference) <= referenceTolerance * abs(reference)
}

struct RDPAccountantTests {
  @Test(arguments: [(2, 1.0), (10, 4.0), (256, 0.7), (31, 25.0)])
  func fullSamplingIsTheGaussianMechanism(order: Int, sigma: Double) {
    // q = 1: only the k = α term survives, exp((α² − α)/2σ²), so ε(α) = α/(2σ²) (Mironov 2017,
    // Proposition 7). E.g. α = 10, σ = 4: 10/32 = 0.3125.
    let rdp = RDPAccountant.sampledGaussianRDP(
      order: order, samplingRate: 1, noiseMultiplier: sigma)
    #expect(isClose(rdp, Double(order) / (2 * sigma * sigma)), "α = \(order), σ = \(sigma)")
  }

  @Test func orderTwoHasAClosedForm() {
    // α = 2: A₂ = (1 − q)² + 2q(1 − q) + q²e^(1/σ²) = 1 + q²(e^(1/σ²) − 1). With q = 0.5, σ = 1:
    // log(1 + 0.25(e − 1)) = 0.35737401950878854 (mpmath).
    let rdp = RDPAccountant.sampledGaussianRDP(order: 2, samplingRate: 0.5, noiseMultiplier: 1)
    #expect(isClose(rdp, 0.35737401950878854))
  }

  @Test func smallSamplingRatesKeepFullPrecision() {
    // q = 0.01, σ = 4 (Abadi et al.'s setting); references from mpmath's direct sum:
    // α = 2: 6.4494250941992096e-6, α = 32: 1.0526360659081727e-4.
    #expect(
      isClose(
        RDPAccountant.sampledGaussianRDP(order: 2, samplingRate: 0.01, noiseMultiplier: 4),
        6.4494250941992096e-6))
    #expect(
      isClose(
        RDPAccountant.sampledGaussianRDP(order: 32, samplingRate: 0.01, noiseMultiplier: 4),
        1.0526360659081727e-4))
    #expect(RDPAccountant.sampledGaussianRDP(order: 50, samplingRate: 0, noiseMultiplier: 4) == 0)
  }

  // Abadi et al., CCS 2016, "Deep Learning with Differential Privacy", §3.1: q = 0.01, σ = 4,
  // δ = 10⁻⁵ gives ε ≈ 1.26 after 10 000 steps (100 epochs) by the moments accountant, and the
  // brief for this module cites ε ≈ 2.55 after 40 000 (400 epochs). Our values at orders 2…256
  // (matching mpmath's direct sum to 10 digits):
  //   improved conversion: 1.0354900660362967 (α = 17) and 2.2129055133694292 (α = 9);
  //   standard conversion: 1.2585747412527875 (α = 20) and 2.5758725008261675 (α = 10).
  // The standard conversion is the moments accountant's own bound, so at 100 epochs it lands
  // just below 1.26; at 400 epochs the exact integer-order value is 1 % above the 2.55 quoted
  // (fractional orders do not close the gap: the continuous optimum is 2.5738 at α ≈ 10.5), so
  // that figure was itself rounded or approximated. The improved conversion lands below both
  // published figures by 18 % and 13 %, within the ≥ 0.8 × margin expected of a tighter
  // conversion of the same RDP curve.
  @Test(arguments: [
    (10_000, 1.26, 1.0354900660362967, 17, 1.2585747412527875, 20),
    (40_000, 2.55, 2.2129055133694292, 9, 2.5758725008261675, 10),
  ])
  func reproducesAbadiEtAlWithinTheExpectedMargin(
    steps: Int, published: Double, improved: Double, improvedOrder: Int, standard: Double,
    standardOrder: Int
  ) throws {
    var accountant = try RDPAccountant()
    try accountant.composeSampledGaussian(samplingRate: 0.01, noiseMultiplier: 4, steps: steps)
    let tight = try accountant.epsilon(delta: 1e-5)
    #expect(tight.epsilon <= published && tight.epsilon >= 0.8 * published)
    #expect(isClose(tight.epsilon, improved) && tight.order == improvedOrder)
    let moments = try accountant.epsilon(delta: 1e-5, conversion: .standard)
    #expect(abs(moments.epsilon - published) <= 0.011 * published)
    #expect(isClose(moments.epsilon, standard) && moments.order == standardOrder)
  }

  @Test func compositionAddsAtEveryOrder() throws {
    var once = try RDPAccountant(orders: [2, 8, 32])
    try once.composeSampledGaussian(samplingRate: 0.05, noiseMultiplier: 1.1, steps: 600)
    var twice = try RDPAccountant(orders: [2, 8, 32])
    try twice.composeSampledGaussian(samplingRate: 0.05, noiseMultiplier: 1.1, steps: 250)
    try twice.composeSampledGaussian(samplingRate: 0.05, noiseMultiplier: 1.1, steps: 350)
    for (a, b) in zip(once.rdp, twice.rdp) { #expect(isClose(a, b)) }
    #expect(once.rdp[0] < once.rdp[1] && once.rdp[1] < once.rdp[2])  // ε(α) grows with α
  }

  @Test func nothingComposedCostsNothingUnderTheImprovedConversion() throws {
    // ε(α) = 0 everywhere; log((α−1)/α) − (log δ + log α)/(α−1) at α = 256 is
    // −0.0039 + (11.51 − 5.55)/255 = 0.0195 > 0 for δ = 10⁻⁵, so ε is small but positive; with
    // δ = 0.5 the bound is negative and is reported as 0.
    let accountant = try RDPAccountant()
    let (epsilon, order) = try accountant.epsilon(delta: 1e-5)
    #expect(
      order == 256 && abs(epsilon - (log(255.0 / 256) + (log(1e5) - log(256.0)) / 255)) < 1e-15)
    #expect(try accountant.epsilon(delta: 0.5).epsilon == 0)
  }

  @Test func rejectsBadParameters() throws {
    #expect(throws: PrivacyError.noOrders) { try RDPAccountant(orders: []) }
    #expect(throws: PrivacyError.orderBelowTwo(1)) { try RDPAccountant(orders: [1, 2]) }
    #expect(throws: PrivacyError.ordersNotAscending(previous: 8, order: 8)) {
      try RDPAccountant(orders: [2, 8, 8])
    }
    var accountant = try RDPAccountant()
    #expect(throws: PrivacyError.samplingRateOutOfRange(1.5)) {
      try accountant.composeSampledGaussian(samplingRate: 1.5, noiseMultiplier: 1, steps: 1)
    }
    #expect(throws: PrivacyError.nonPositiveNoiseMultiplier(0)) {
      try accountant.composeSampledGaussian(samplingRate: 0.1, noiseMultiplier: 0, steps: 1)
    }
    #expect(throws: PrivacyError.negativeStepCount(-1)) {
      try accountant.composeSampledGaussian(samplingRate: 0.1, noiseMultiplier: 1, steps: -1)
    }
    #expect(throws: PrivacyError.deltaOutOfRange(1)) { try accountant.epsilon(delta: 1) }
    #expect(throws: PrivacyError.deltaOutOfRange(0)) { try accountant.epsilon(delta: 0) }
  }
}
