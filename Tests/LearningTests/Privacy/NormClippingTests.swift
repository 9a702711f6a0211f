import SimCore
import Testing

@testable import Learning

struct NormClippingTests {
  @Test func leavesAnUpdateWithinTheBoundAlone() throws {
    var parameters: [Float] = [3, 4]
    let (norm, work) = try NormClipping(bound: 10).clip(&parameters)
    #expect(norm == 5)
    #expect(parameters == [3, 4])
    #expect(work == .flops(5))  // 2 multiply-adds × 2 entries + square root
  }

  @Test func scalesAnL2OutlierOntoTheBoundRoundingTowardZero() throws {
    // ‖(3, 4)‖ = 5 → factor 1/5 → (0.6, 0.8), each rounded toward zero to a Float: Float(0.6)
    // rounds up (0.60000002…), so the clipped entry is its predecessor; Float(0.8) rounds up too
    // (0.80000001…).
    var parameters: [Float] = [3, 4]
    let (norm, work) = try NormClipping(bound: 1).clip(&parameters)
    #expect(norm == 5)
    #expect(parameters == [Float(0.6).nextDown, Float(0.8).nextDown])
    #expect(work == .flops(8))  // 5 for the norm + 1 division + 2 multiplications
  }

  @Test func scalesAnL1OutlierExactly() throws {
    // ‖(3, −4)‖₁ = 7 > 3.5 → factor 0.5 → (1.5, −2), exact in Float.
    var parameters: [Float] = [3, -4]
    let (norm, work) = try NormClipping(norm: .l1, bound: 3.5).clip(&parameters)
    #expect(norm == 7)
    #expect(parameters == [1.5, -2])
    #expect(work == .flops(5))  // 2 additions + 1 division + 2 multiplications
  }

  @Test(arguments: [1, 2, 3, 4, 5])
  func clippedNormNeverExceedsTheBound(seed: UInt64) throws {
    // Round-to-nearest conversion would overshoot C by a Float rounding for about half of these
    // vectors; toward-zero rounding must keep every one within C (norm measured in Double).
    var generator = RandomStreams(seed: seed).make(StreamPurpose("clippingTest"))
    for _ in 0..<20 {
      let bound = 0.1 + generator.nextUnitDouble()
      let parameters = (0..<257).map { _ in Float(generator.nextNormal(standardDeviation: 3)) }
      for norm in [NormClipping.Norm.l1, .l2] {
        var clipped = parameters
        let clipping = try NormClipping(norm: norm, bound: bound)
        try clipping.clip(&clipped)
        #expect(clipping.measure(clipped).norm <= bound, "seed \(seed), \(norm), C = \(bound)")
      }
    }
  }

  @Test func refusesToClipANonFiniteUpdate() throws {
    var parameters: [Float] = [.infinity, 1]
    #expect(throws: PrivacyError.nonFiniteNorm(.infinity)) {
      try NormClipping(bound: 1).clip(&parameters)
    }
    var poisoned: [Float] = [.nan, 1]
    do {
      try NormClipping(bound: 1).clip(&poisoned)
      Issue.record("a NaN update was clipped")
    } catch {
      guard case .nonFiniteNorm(let norm) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(norm.isNaN)
    }
  }

  @Test(arguments: [0, -1, Double.infinity])
  func rejectsNonPositiveBounds(bound: Double) {
    #expect(throws: PrivacyError.nonPositiveClippingBound(bound)) { try NormClipping(bound: bound) }
  }
}
