import Foundation

/// Reads scenario files from disk.
public enum ScenarioLoader {
  /// Reads and decodes the scenario at `path`; its relative paths are resolved against its
  /// folder.
  /// - Throws: `ScenarioError.unreadable` when `path` is not a readable regular UTF-8 file of at
  ///   most 64 MiB (the reason says which), else the decoder's errors.
  public static func load(path: String) throws(ScenarioError) -> ScenarioSpec {
    let text = try InputFile.readText(
      path, limitBytes: InputFile.scenarioLimitBytes, what: "scenario file")
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    return try ScenarioDecoder.decode(text, file: path, baseDirectory: directory)
  }
}
