/// The scenario format's reference, rendered from the schema tables: the README's "Scenario
/// fields" section and `fedchain fields` print exactly this, so the docs cannot drift from what
/// the decoder accepts (a test compares the README with it).
public enum FieldReference {
  /// One Markdown table per object, each headed by its dotted path.
  public static var markdown: String { render(ScenarioSchema.all) }

  /// The sweep file's table (README, "Sweeps").
  public static var sweepMarkdown: String { render([SweepSchema.schema]) }

  private static func render(_ schemas: [ObjectSchema]) -> String {
    var text = ""
    for schema in schemas {
      let title = schema.path.isEmpty ? "(top level)" : schema.path
      text += "#### `\(title)`\n\n\(schema.summary)\n\n"
      text += "| field | accepts | default | meaning |\n|---|---|---|---|\n"
      for row in schema.rows {
        text += "| `\(row.name)` | \(cell(row.accepts)) | \(cell(row.defaultText)) | "
        text += "\(cell(row.help)) |\n"
      }
      text += "\n"
    }
    return text
  }

  /// `text` safe inside a Markdown table cell.
  private static func cell(_ text: String) -> String {
    text.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
  }
}
