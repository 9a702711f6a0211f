import Testing

@testable import Schemes

struct ValidationSpecTests {
  @Test(
    arguments: [
      ("none", ValidationSpec.none),
      ("norm:bound=5", .norm(bound: 5)),
      ("norm:bound=0.25", .norm(bound: 0.25)),
      ("norm:bound=1e3", .norm(bound: 1000)),
      // Without `:validation=`, the default fraction 0.1.
      ("accuracy:threshold=0.8", .accuracy(.absolute(0.8), validationFraction: 0.1)),
      ("accuracy:threshold=0", .accuracy(.absolute(0), validationFraction: 0.1)),
      ("accuracy:threshold=1", .accuracy(.absolute(1), validationFraction: 0.1)),
      ("accuracy:margin=0.05", .accuracy(.relative(margin: 0.05), validationFraction: 0.1)),
      (
        "accuracy:threshold=0.7:validation=0.2",
        .accuracy(.absolute(0.7), validationFraction: 0.2)
      ),
      (
        "accuracy:margin=0:validation=0.5",
        .accuracy(.relative(margin: 0), validationFraction: 0.5)
      ),
    ] as [(String, ValidationSpec)])
  func acceptedFormParses(text: String, expected: ValidationSpec) throws {
    let spec = try ValidationSpec(parsing: text)
    #expect(spec == expected)
    #expect(try ValidationSpec(parsing: spec.description) == spec, "\(spec)")
  }

  @Test func descriptionIsCanonicalAndNamesTheValidationFraction() throws {
    #expect(ValidationSpec.none.description == "none")
    #expect(ValidationSpec.norm(bound: 5).description == "norm:bound=5.0")
    // The default fraction is written out, so a trace records the one used.
    #expect(
      try ValidationSpec(parsing: "accuracy:threshold=0.8").description
        == "accuracy:threshold=0.8:validation=0.1")
    #expect(
      ValidationSpec.accuracy(.relative(margin: 0.05), validationFraction: 0.25).description
        == "accuracy:margin=0.05:validation=0.25")
  }

  @Test func onlyAccuracyNeedsValidationData() throws {
    #expect(ValidationSpec.none.validationFraction == nil)
    #expect(!ValidationSpec.none.needsValidationData)
    #expect(ValidationSpec.norm(bound: 1).validationFraction == nil)
    #expect(!ValidationSpec.norm(bound: 1).needsValidationData)
    let accuracy = try ValidationSpec(parsing: "accuracy:margin=0.1:validation=0.3")
    #expect(accuracy.validationFraction == 0.3)
    #expect(accuracy.needsValidationData)
  }

  @Test(
    arguments: [
      "", "None", "none:", "norm", "norm:", "norm:bound=", "norm:bound=0", "norm:bound=-1",
      "norm:bound=inf", "norm:bound=nan", "norm:bound=1e999", "norm:bound=0x10", "norm:limit=5",
      "norm:bound=5:validation=0.1", "norm: bound=5", "accuracy", "accuracy:threshold=1.01",
      "accuracy:threshold=-0.1", "accuracy:margin=2", "accuracy:validation=0.1",
      "accuracy:threshold=0.5:validation=0", "accuracy:threshold=0.5:validation=0.51",
      "accuracy:threshold=0.5:validation=", "accuracy:threshold=0.5:margin=0.1",
      "accuracy:validation=0.1:threshold=0.5", "accuracy:threshold=0.5:validation=0.1:x=1",
      "accuracy:threshold=0.5:", "krum:1",
    ])
  func malformedSpecIsRejected(text: String) {
    #expect(throws: StageSpecError.self, "\(text)") { try ValidationSpec(parsing: text) }
  }

  @Test func errorNamesTheTextAndListsTheAcceptedForms() {
    #expect(
      throws: StageSpecError(
        text: "validation `norm:bound=0`: bound 0.0 must be finite and > 0",
        accepted: ValidationSpec.acceptedForms)
    ) { try ValidationSpec(parsing: "norm:bound=0") }
    #expect(
      throws: StageSpecError(
        text: "unknown validation `krum`", accepted: ValidationSpec.acceptedForms)
    ) { try ValidationSpec(parsing: "krum") }
    #expect(!ValidationSpec.acceptedForms.contains("\n"))
  }
}
