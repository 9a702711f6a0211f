import Foundation
import Testing

@testable import Scenario

/// The README's field tables are rendered from the schema tables the decoder reads with, so the
/// docs cannot drift from what is accepted.
struct FieldReferenceTests {
  static let begin = "<!-- scenario-fields:begin (rendered from Sources/Scenario/Schema) -->\n"
  static let end = "<!-- scenario-fields:end -->"

  @Test func readmeFieldTablesMatchTheSchema() throws {
    // Tests/ScenarioTests/FieldReferenceTests.swift → the repository root is three levels up.
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    let start = try #require(text.range(of: Self.begin), "README has no \(Self.begin)")
    let stop = try #require(text.range(of: Self.end), "README has no \(Self.end)")
    let current = String(text[start.upperBound..<stop.lowerBound])
    if ProcessInfo.processInfo.environment["FEDCHAIN_UPDATE_GOLDEN"] == "1" {
      let updated = text.replacingCharacters(
        in: start.upperBound..<stop.lowerBound, with: FieldReference.markdown)
      try updated.write(to: readme, atomically: true, encoding: .utf8)
      return
    }
    #expect(
      current == FieldReference.markdown,
      "README's field tables differ from the schema; rerun with FEDCHAIN_UPDATE_GOLDEN=1")
  }

  @Test func everyObjectPathAndFieldNameIsUnique() {
    let paths = ScenarioSchema.all.map(\.path)
    #expect(Set(paths).count == paths.count)
    for schema in ScenarioSchema.all {
      #expect(Set(schema.fieldNames).count == schema.fieldNames.count, "\(schema.path)")
    }
  }
}
