import Testing

@testable import Schemes

struct PrivacySpecTests {
  @Test(arguments: [
    ("none", PrivacySpec.noPrivacy, "none"),
    (
      "ldp:laplace:epsilon=0.5:clip=2",
      .localDifferentialPrivacy(noise: .laplace, epsilon: 0.5, clip: 2),
      "ldp:laplace:epsilon=0.5:clip=2.0"
    ),
    (
      "ldp:laplace:clip=2:epsilon=0.5",
      .localDifferentialPrivacy(noise: .laplace, epsilon: 0.5, clip: 2),
      "ldp:laplace:epsilon=0.5:clip=2.0"
    ),
    (
      "ldp:gaussian:epsilon=1:delta=1e-5:clip=0.5",
      .localDifferentialPrivacy(noise: .gaussian(delta: 1e-5), epsilon: 1, clip: 0.5),
      "ldp:gaussian:epsilon=1.0:delta=1e-05:clip=0.5"
    ),
    (
      "ldp:gaussian:clip=0.5:delta=0.001:epsilon=8",
      .localDifferentialPrivacy(noise: .gaussian(delta: 0.001), epsilon: 8, clip: 0.5),
      "ldp:gaussian:epsilon=8.0:delta=0.001:clip=0.5"
    ),
  ])
  func parsesEachFormInAnyKeyOrderAndPrintsItBack(
    text: String, spec: PrivacySpec, canonical: String
  ) throws {
    let parsed = try PrivacySpec(parsing: text)
    #expect(parsed == spec)
    #expect(parsed.description == canonical)
    #expect(try PrivacySpec(parsing: canonical) == spec)
    // The stage it makes spells itself the same way.
    #expect(try parsed.makePrivacy().description == canonical)
  }

  @Test func makesTheNamedStage() throws {
    #expect(try PrivacySpec(parsing: "none").makePrivacy() is NoPrivacy)
    let stage = try PrivacySpec(parsing: "ldp:laplace:epsilon=0.5:clip=0.75").makePrivacy()
    let ldp = try #require(stage as? LocalDifferentialPrivacy)
    #expect(ldp.noiseScale == 3)  // 2·0.75/0.5
  }

  @Test(arguments: [
    ("", "unknown privacy"),
    ("None", "unknown privacy"),
    ("ldp", "unknown privacy"),
    ("dp:laplace:epsilon=1:clip=1", "unknown privacy"),
    ("ldp:exponential:epsilon=1:clip=1", "unknown mechanism `exponential`"),
    ("ldp:laplace", "key `epsilon` is missing"),
    ("ldp:laplace:epsilon=1", "key `clip` is missing"),
    ("ldp:gaussian:epsilon=1:clip=1", "key `delta` is missing"),
    ("ldp:laplace:epsilon=1:clip=1:delta=1e-5", "unknown key `delta`"),
    ("ldp:gaussian:epsilon=1:delta=1e-5:clip=1:sigma=2", "unknown key `sigma`"),
    ("ldp:laplace:epsilon=1:epsilon=2:clip=1", "key `epsilon` given twice"),
    ("ldp:laplace:epsilon:clip=1", "`epsilon` is not key=value"),
    ("ldp:laplace:epsilon=1:clip=1:", "`` is not key=value"),
    ("ldp:laplace:epsilon=x:clip=1", "epsilon `x` is not a finite number"),
    ("ldp:laplace:epsilon=:clip=1", "epsilon `` is not a finite number"),
    ("ldp:laplace:epsilon=inf:clip=1", "epsilon `inf` is not a finite number"),
    ("ldp:laplace:epsilon=1:clip=nan", "clip `nan` is not a finite number"),
    ("ldp:laplace:epsilon=0:clip=1", "ε = 0.0 must be finite and > 0"),
    ("ldp:laplace:epsilon=-2:clip=1", "ε = -2.0 must be finite and > 0"),
    ("ldp:laplace:epsilon=1:clip=0", "C = 0.0 must be finite and > 0"),
    ("ldp:gaussian:epsilon=1:delta=0:clip=1", "δ = 0.0 must lie in (0, 1)"),
    ("ldp:gaussian:epsilon=1:delta=1:clip=1", "δ = 1.0 must lie in (0, 1)"),
  ])
  func rejectsMalformedOrOutOfRangeSpellings(text: String, reason: String) {
    let error = #expect(throws: StageSpecError.self) { try PrivacySpec(parsing: text) }
    #expect(error?.text.contains("`\(text)`") == true, "\(String(describing: error))")
    #expect(error?.text.contains(reason) == true, "\(String(describing: error))")
    #expect(error?.accepted.isEmpty == false)
  }
}
