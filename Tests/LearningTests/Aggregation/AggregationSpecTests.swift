import Testing

@testable import Learning

struct AggregationSpecTests {
  @Test(arguments: [
    ("fedavg", AggregationSpec.federatedAveraging),
    ("median", .coordinateMedian),
    ("trimmed-mean:0.1", .trimmedMean(trimFraction: 0.1)),
    ("krum:2", .krum(byzantineCount: 2)),
    ("multi-krum:1:3", .multiKrum(byzantineCount: 1, selectionCount: 3)),
  ])
  func parsesEachRuleAndPrintsItBack(text: String, spec: AggregationSpec) throws {
    #expect(try AggregationSpec(parsing: text) == spec)
    #expect(spec.description == text)
    #expect(try spec.makeRule().description == text)
  }

  @Test(arguments: [
    ("mean", AggregationError.unknownRule(spec: "mean")),
    ("", .unknownRule(spec: "")),
    ("Krum:1", .unknownRule(spec: "Krum:1")),
    ("fedavg:1", .wrongParameterCount(spec: "fedavg:1", expected: 0, found: 1)),
    ("krum", .wrongParameterCount(spec: "krum", expected: 1, found: 0)),
    ("multi-krum:1", .wrongParameterCount(spec: "multi-krum:1", expected: 2, found: 1)),
    ("krum:x", .malformedParameter(spec: "krum:x", position: 1, value: "x")),
    ("multi-krum:1:", .malformedParameter(spec: "multi-krum:1:", position: 2, value: "")),
    ("trimmed-mean:a", .malformedParameter(spec: "trimmed-mean:a", position: 1, value: "a")),
    ("trimmed-mean:0.5", .trimFractionOutOfRange(0.5)),
    ("krum:-1", .negativeByzantineCount(-1)),
    ("multi-krum:1:0", .nonPositiveSelectionCount(0)),
  ])
  func rejectsBadSpecsWithTypedErrors(text: String, error: AggregationError) {
    #expect(throws: error) { try AggregationSpec(parsing: text) }
  }

  @Test func errorDescriptionsNameTheSpecAndWhatIsAccepted() {
    let description = AggregationError.malformedParameter(spec: "krum:x", position: 1, value: "x")
      .description
    #expect(description.contains("`krum:x`") && description.contains("`x`"))
    #expect(description.contains("multi-krum:f:m"))
  }
}
