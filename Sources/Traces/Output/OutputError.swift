import SimCore

/// Why an output folder or file could not be claimed or written. Each description is one line
/// that names the path (control characters escaped) and says what to do.
public enum OutputError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The output path is the empty string.
  case emptyPath
  /// The path names something that is not a folder (`kind` says what: "a file", …).
  case notAFolder(path: String, kind: String)
  /// The path names something that is not a regular file (`kind` says what: "a folder", …).
  case notAFile(path: String, kind: String)
  /// The folder holds `entry`, which no fedchain run wrote, so replacing it would destroy data.
  case notAnOutputFolder(path: String, entry: String)
  /// Another fedchain process holds the path's lock.
  case locked(path: String)
  /// A system call failed: `operation` on `path` (which may be a temporary sibling).
  case failed(path: String, operation: String, reason: String)

  /// True when the request itself is at fault (the path is empty, occupied by something else, or
  /// in use), false when the system failed to do something that should have worked.
  public var isRefusal: Bool {
    if case .failed = self { return false }
    return true
  }

  public var description: String {
    switch self {
    case .emptyPath:
      return "the output path is empty; give a folder, e.g. --out traces/run1"
    case .notAFolder(let path, let kind):
      return
        "`\(shown(path))` is \(kind), not a folder; give a folder for the traces (a new one, or "
        + "one an earlier fedchain run wrote)"
    case .notAFile(let path, let kind):
      return "`\(shown(path))` is \(kind), not a file; give a file name to write"
    case .notAnOutputFolder(let path, let entry):
      return
        "`\(shown(path))` is not a fedchain output folder: it holds `\(shown(entry))`, which no "
        + "fedchain run wrote, and a run replaces the whole folder; give a new or empty folder"
    case .locked(let path):
      return
        "`\(shown(path))` is being written by another fedchain run; wait for it to end or give "
        + "another output folder"
    case .failed(let path, let operation, let reason):
      return "cannot write `\(shown(path))`: \(operation) failed: \(reason)"
    }
  }

  private func shown(_ text: String) -> String { EchoedText.escaped(text) }
}
