import SimCore
import Testing

@testable import Learning

struct LaplaceMechanismTests {
  @Test func scaleIsSensitivityOverEpsilon() throws {
    #expect(try LaplaceMechanism(epsilon: 0.5, sensitivity: 2).scale == 4)
  }

  @Test func rejectsBadParameters() {
    #expect(throws: PrivacyError.nonPositiveEpsilon(0)) {
      try LaplaceMechanism(epsilon: 0, sensitivity: 1)
    }
    #expect(throws: PrivacyError.nonPositiveEpsilon(-1)) {
      try LaplaceMechanism(epsilon: -1, sensitivity: 1)
    }
    #expect(throws: PrivacyError.nonPositiveEpsilon(.infinity)) {
      try LaplaceMechanism(epsilon: .infinity, sensitivity: 1)
    }
    #expect(throws: PrivacyError.nonPositiveSensitivity(0)) {
      try LaplaceMechanism(epsilon: 1, sensitivity: 0)
    }
    #expect(throws: PrivacyError.nonPositiveNoiseScale(-2)) { try LaplaceMechanism(scale: -2) }
  }

  @Test func noiseHasTheLaplaceMeanAbsoluteDeviation() throws {
    // For Laplace(b), E|X| = b and Var|X| = b², so the mean of 20 000 draws has standard error
    // b/√20000 ≈ 0.0071·b; 5 standard errors is 0.035·b. The mean of X itself is 0 ± 0.035·b·√2.
    let mechanism = try LaplaceMechanism(scale: 4)
    var generator = RandomStreams(seed: 1).make(.privacyNoise)
    var parameters = [Float](repeating: 0, count: 20_000)
    let work = mechanism.addNoise(to: &parameters, using: &generator)
    let meanAbsolute = parameters.reduce(0.0) { $0 + Double(abs($1)) } / 20_000
    let mean = parameters.reduce(0.0) { $0 + Double($1) } / 20_000
    #expect(abs(meanAbsolute - 4) < 0.035 * 4)
    #expect(abs(mean) < 0.05 * 4)
    #expect(work == .flops(20_000 * 26))  // 25 per variate + 1 addition
  }

  @Test func sameStreamGivesSameBitsAndAnotherStreamDoesNot() throws {
    let mechanism = try LaplaceMechanism(scale: 1)
    func noisy(index: Int) -> [UInt32] {
      var generator = RandomStreams(seed: 42).make(.privacyNoise, index: index)
      var parameters: [Float] = [1, 2, 3, 4]
      _ = mechanism.addNoise(to: &parameters, using: &generator)
      return parameters.map(\.bitPattern)
    }
    #expect(noisy(index: 0) == noisy(index: 0))
    #expect(noisy(index: 0) != noisy(index: 1))
  }
}
