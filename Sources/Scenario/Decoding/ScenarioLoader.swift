import Foundation

/// Reads scenario files from disk.
public enum ScenarioLoader {
  /// Reads and decodes the scenario at `path`.
  public static func load(path: String) throws(ScenarioError) -> ScenarioSpec {
    let text: String
    do {
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      guard let decoded = String(data: data, encoding: .utf8) else {
        throw ScenarioError.unreadable(file: path, reason: "the file is not UTF-8 text")
      }
      text = decoded
    } catch let error as ScenarioError {
      throw error
    } catch {
      throw .unreadable(file: path, reason: (error as NSError).localizedDescription)
    }
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    return try ScenarioDecoder.decode(text, file: path, baseDirectory: directory)
  }
}
