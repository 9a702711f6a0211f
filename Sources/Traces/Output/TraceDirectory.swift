import Foundation

/// Writes a run's output files into one folder, each atomically (written to a temporary file in
/// the same folder, then renamed), so an interrupted run never leaves a half-written trace that
/// looks complete.
public struct TraceDirectory: Sendable {
  /// The folder, created on first write.
  public let path: String

  public init(path: String) { self.path = path }

  /// A failure to write an output file.
  public struct WriteError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write `\(path)`: \(reason)" }
  }

  /// Writes `contents` to `name` inside the folder, replacing any earlier file atomically.
  public func write(_ contents: String, to name: String) throws(WriteError) {
    let directory = URL(fileURLWithPath: path, isDirectory: true)
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw WriteError(
        path: path, reason: "cannot create the folder (\(error.localizedDescription))")
    }
    let file = directory.appendingPathComponent(name)
    do {
      try Data(contents.utf8).write(to: file, options: .atomic)
    } catch {
      throw WriteError(path: file.path, reason: error.localizedDescription)
    }
  }
}
