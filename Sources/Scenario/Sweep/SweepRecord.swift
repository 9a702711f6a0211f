import Traces

/// A sweep folder's `sweep.json`: which sweep the folder holds, self-contained, so that
/// `fedchain sweep collect` can merge the folder without the sweep file or its scenario.
public enum SweepRecord {
  /// The text of `sweep.json` for `sweep`.
  public static func render(_ sweep: SweepSpec) -> String {
    JSONWriter.write(
      .object([
        ("tool", .string("fedchain")),
        ("version", .string(Experiment.toolVersion)),
        ("id", .string(sweep.id)),
        ("sweep_file", .string(sweep.file)),
        ("base_directory", .string(sweep.baseDirectory)),
        ("sweep", sweep.definition),
      ]))
  }

  /// The sweep recorded in `text` (the folder's `sweep.json`, named `file` in errors).
  /// - Throws: `ScenarioError` when the record is not one fedchain wrote, or decodes to another
  ///   sweep id than it records (written by another version, or edited).
  public static func decode(_ text: String, file: String) throws(ScenarioError) -> SweepSpec {
    let root: JSONValue
    do {
      root = try JSONParser.parse(text)
    } catch {
      throw .syntax(file: file, line: error.line, column: error.column, message: error.message)
    }
    guard case .string(let id)? = root["id"]?.kind, let definition = root["sweep"],
      case .string(let directory)? = root["base_directory"]?.kind
    else {
      throw .invalidValue(
        file: file, line: root.line, path: "", value: root.excerpt,
        accepted: "a sweep folder's sweep.json as fedchain writes it (tool, id, base_directory, "
          + "sweep)")
    }
    let sweep = try SweepDecoder.decode(definition, file: file, directory: directory)
    guard sweep.id == id else {
      throw .invalidValue(
        file: file, line: root["id"]?.line ?? 0, path: "id", value: "\"\(id)\"",
        accepted: "the id of the sweep it records, \(sweep.id) (was it edited, or written by "
          + "another fedchain version?)")
    }
    return sweep
  }
}
