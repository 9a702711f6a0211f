import Foundation
import Testing

@testable import Scenario

/// The README's field tables are rendered from the schema tables the decoder reads with, so the
/// docs cannot drift from what is accepted.
struct FieldReferenceTests {
  static let begin = "<!-- scenario-fields:begin (rendered from Sources/Scenario/Schema) -->\n"
  static let end = "<!-- scenario-fields:end -->"

  static let sweepBegin = "<!-- sweep-fields:begin (rendered from Sources/Scenario/Schema) -->\n"
  static let sweepEnd = "<!-- sweep-fields:end -->"

  @Test func readmeFieldTablesMatchTheSchema() throws {
    try Self.check(FieldReference.markdown, between: Self.begin, and: Self.end)
    try Self.check(FieldReference.sweepMarkdown, between: Self.sweepBegin, and: Self.sweepEnd)
  }

  /// Expects the README's text between the markers to be `rendered`, or writes it there with
  /// FEDCHAIN_UPDATE_GOLDEN=1.
  static func check(_ rendered: String, between begin: String, and end: String) throws {
    // Tests/ScenarioTests/FieldReferenceTests.swift → the repository root is three levels up.
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    let start = try #require(text.range(of: begin), "README has no \(begin)")
    let stop = try #require(text.range(of: end), "README has no \(end)")
    let current = String(text[start.upperBound..<stop.lowerBound])
    if ProcessInfo.processInfo.environment["FEDCHAIN_UPDATE_GOLDEN"] == "1" {
      let updated = text.replacingCharacters(
        in: start.upperBound..<stop.lowerBound, with: rendered)
      try updated.write(to: readme, atomically: true, encoding: .utf8)
      return
    }
    #expect(
      current == rendered,
      "README's tables after \(begin) differ from the schema; rerun with FEDCHAIN_UPDATE_GOLDEN=1")
  }

  @Test func everyObjectPathAndFieldNameIsUnique() {
    let paths = ScenarioSchema.all.map(\.path)
    #expect(Set(paths).count == paths.count)
    for schema in ScenarioSchema.all {
      #expect(Set(schema.fieldNames).count == schema.fieldNames.count, "\(schema.path)")
    }
  }
}
