import Learning
import SimCore
import Testing

@testable import Schemes

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

struct PrivacyLedgerTests {
  /// ε at δ of k runs of the Gaussian mechanism with noise multiplier z, asked of
  /// `RDPAccountant` directly.
  private func accountantEpsilon(releases k: Int, multiplier z: Double, delta: Double) throws
    -> Double
  {
    var accountant = try RDPAccountant()
    try accountant.composeSampledGaussian(samplingRate: 1, noiseMultiplier: z, steps: k)
    return try accountant.epsilon(delta: delta).epsilon
  }

  @Test func pureLossesAdd() throws {
    // Basic composition: 3 releases at ε = 2 cost 3·2 = 6; a client that released nothing, 0.
    var ledger = try PrivacyLedger(clientCount: 3, loss: .pure(epsilon: 2), delta: 1e-5)
    for _ in 0..<3 { ledger.charge(ClientID(1)) }
    #expect(ledger.epsilon(of: ClientID(1)) == 6)
    #expect(ledger.epsilon(of: ClientID(0)) == 0)
    #expect(ledger.releases(of: ClientID(1)) == 3)
    #expect(ledger.worstEpsilon == 6)
  }

  @Test func gaussianReleasesComposeAsTheAccountantSaysAndGrow() throws {
    let z = 1.5
    var ledger = try PrivacyLedger(
      clientCount: 2, loss: .gaussian(noiseMultiplier: z, delta: 1e-6), delta: 1e-5)
    var previous = 0.0
    for k in 1...12 {
      ledger.charge(ClientID(1))
      let epsilon = ledger.epsilon(of: ClientID(1))
      #expect(
        epsilon == (try accountantEpsilon(releases: k, multiplier: z, delta: 1e-5)), "k = \(k)")
      #expect(epsilon > previous, "k = \(k)")
      previous = epsilon
    }
    // A client catching up reads the same cached figures.
    for _ in 0..<5 { ledger.charge(ClientID(0)) }
    #expect(
      ledger.epsilon(of: ClientID(0))
        == (try accountantEpsilon(releases: 5, multiplier: z, delta: 1e-5)))
  }

  @Test(arguments: [0.8, 1.5, 6])
  func oneGaussianReleaseIsTheGaussianMechanismsRDP(z: Double) throws {
    // Checks the premise that sampling rate 1 is the plain Gaussian mechanism: RDP(α) = α/(2z²)
    // (Mironov 2017, Proposition 7), converted by hand with Balle et al. 2020's Theorem 21 over
    // the accountant's orders 2…256: ε = min_α α/(2z²) + log((α − 1)/α) − (log δ + log α)/(α − 1).
    // The accountant's log-space sum agrees to ~13 digits; 10⁻¹¹ relative leaves room.
    let delta = 1e-5
    for alpha in [2, 17, 256] {
      let rdp = RDPAccountant.sampledGaussianRDP(
        order: alpha, samplingRate: 1, noiseMultiplier: z)
      let exact = Double(alpha) / (2 * z * z)
      #expect(abs(rdp - exact) <= 1e-11 * exact, "α = \(alpha)")
    }
    let byHand = try #require(
      (2...256).map { alpha in
        let a = Double(alpha)
        return a / (2 * z * z) + log1p(-1 / a) - (log(delta) + log(a)) / (a - 1)
      }.min())
    var ledger = try PrivacyLedger(
      clientCount: 1, loss: .gaussian(noiseMultiplier: z, delta: delta), delta: delta)
    ledger.charge(ClientID(0))
    #expect(abs(ledger.epsilon(of: ClientID(0)) - max(byHand, 0)) <= 1e-11 * byHand)
  }

  @Test(arguments: [
    PrivacyLoss.pure(epsilon: 0.5), .gaussian(noiseMultiplier: 2, delta: 1e-5),
  ])
  func worstEpsilonIsTheLargestOverClients(loss: PrivacyLoss) throws {
    // Releases 1, 4, 2 and 0: the worst is client 1's.
    var ledger = try PrivacyLedger(clientCount: 4, loss: loss, delta: 1e-5)
    for (client, releases) in [(0, 1), (1, 4), (2, 2)] {
      for _ in 0..<releases { ledger.charge(ClientID(client)) }
    }
    let each = (0..<4).map { ledger.epsilon(of: ClientID($0)) }
    #expect(ledger.worstEpsilon == each.max())
    #expect(ledger.worstEpsilon == each[1])
    #expect(each[1] > each[2] && each[2] > each[0] && each[3] == 0)
  }

  @Test func nothingReleasedOrNoGuaranteeReadsZero() throws {
    let fresh = try PrivacyLedger(
      clientCount: 3, loss: .gaussian(noiseMultiplier: 1, delta: 1e-5), delta: 1e-5)
    #expect(fresh.worstEpsilon == 0)
    var none = try PrivacyLedger(clientCount: 3, loss: nil, delta: 0)
    none.charge(ClientID(2))
    #expect(none.epsilon(of: ClientID(2)) == 0 && none.worstEpsilon == 0)
    #expect(none.releases(of: ClientID(2)) == 1)
  }

  @Test func rejectsLossesAndDeltasItCannotCompose() {
    #expect(throws: PrivacyError.deltaOutOfRange(0)) {
      try PrivacyLedger(
        clientCount: 1, loss: .gaussian(noiseMultiplier: 1, delta: 1e-5), delta: 0)
    }
    #expect(throws: PrivacyError.nonPositiveNoiseMultiplier(0)) {
      try PrivacyLedger(
        clientCount: 1, loss: .gaussian(noiseMultiplier: 0, delta: 1e-5), delta: 1e-5)
    }
    #expect(throws: PrivacyError.nonPositiveEpsilon(-1)) {
      try PrivacyLedger(clientCount: 1, loss: .pure(epsilon: -1), delta: 1e-5)
    }
  }
}
