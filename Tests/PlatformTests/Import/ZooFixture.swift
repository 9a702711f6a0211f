import Foundation

/// Reads the Topology Zoo files committed under `topologies/zoo/`, found by walking up from this
/// source file to the directory that holds `topologies/zoo` (the repository, or a sandbox
/// package that links it).
enum ZooFixture {
  struct Missing: Error, CustomStringConvertible {
    var name: String
    var description: String { "topologies/zoo/\(name) not found above \(#filePath)" }
  }

  /// The text of `topologies/zoo/<name>`.
  static func text(of name: String) throws -> String {
    var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while directory.path != "/" {
      let candidate = directory.appendingPathComponent("topologies/zoo/\(name)")
      if FileManager.default.fileExists(atPath: candidate.path) {
        return try String(contentsOf: candidate, encoding: .utf8)
      }
      directory = directory.deletingLastPathComponent()
    }
    throw Missing(name: name)
  }
}
