import Schemes
import Testing

struct SelectionSpecTests {
  @Test(
    arguments: [
      ("all", .all), ("uniform", .uniform), ("stake", .stake),
      ("reputation", .reputation(top: nil)), ("reputation:top=1", .reputation(top: 1)),
      ("reputation:top=25", .reputation(top: 25)),
    ] as [(String, SelectionSpec)])
  func parsesEachAcceptedForm(text: String, expected: SelectionSpec) throws {
    let spec = try SelectionSpec(parsing: text)
    #expect(spec == expected)
    // The canonical spelling parses back, and names the stage it makes.
    #expect(spec.description == text)
    #expect(try SelectionSpec(parsing: spec.description) == spec)
    #expect(spec.makeSelection().description == text)
  }

  @Test func makesTheMatchingStage() throws {
    #expect(try SelectionSpec(parsing: "all").makeSelection() is AllClients)
    #expect(try SelectionSpec(parsing: "uniform").makeSelection() is UniformSelection)
    #expect(try SelectionSpec(parsing: "stake").makeSelection() is StakeSelection)
    let reputation = try SelectionSpec(parsing: "reputation:top=3").makeSelection()
    #expect((reputation as? ReputationSelection)?.top == 3)
  }

  @Test(
    arguments: [
      "reputation:top=0", "reputation:top=x", "random", "", "reputation:top=", "reputation:top=-2",
      "reputation:top=+2", "reputation:top=99999999999999999999", " all", "ALL", "reputation:n=2",
    ])
  func rejectsOtherSpellings(text: String) {
    let error = #expect(throws: StageSpecError.self) { try SelectionSpec(parsing: text) }
    // The message quotes the offending text, or says there was none.
    let quoted = text.isEmpty ? "empty selection" : "`\(text)`"
    #expect(error?.text.contains(quoted) == true, "\(error?.text ?? "no error")")
    for form in ["all", "uniform", "stake", "reputation", "reputation:top=N"] {
      #expect(error?.accepted.contains(form) == true, "\(form) missing from the accepted list")
    }
  }

  @Test func errorsSayWhatFailed() {
    #expect(
      throws: StageSpecError(
        text: "unknown selection `random`",
        accepted: "all, uniform, stake, reputation or reputation:top=N with N ≥ 1")
    ) { try SelectionSpec(parsing: "random") }
    let zero = #expect(throws: StageSpecError.self) {
      try SelectionSpec(parsing: "reputation:top=0")
    }
    #expect(zero?.text == "selection `reputation:top=0`: top must be at least 1")
    let word = #expect(throws: StageSpecError.self) {
      try SelectionSpec(parsing: "reputation:top=x")
    }
    #expect(word?.text == "selection `reputation:top=x`: top `x` is not a whole number")
  }

  @Test func errorDescriptionIsOneLineWithTheAcceptedForms() {
    let error = StageSpecError(text: "unknown selection `random`", accepted: "all or uniform")
    #expect(error.description == "unknown selection `random`; accepted: all or uniform")
    #expect(!error.description.contains("\n"))
  }
}
