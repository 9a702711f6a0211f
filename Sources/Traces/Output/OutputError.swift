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
  /// A sweep's output folder holds `entry`, which no sweep wrote (an empty `entry`: the folder
  /// holds no sweep at all).
  case notASweepFolder(path: String, entry: String)
  /// A sweep's output folder holds the runs of another sweep (`found` its id).
  case otherSweep(path: String, found: String, expected: String)
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
    case .notASweepFolder(let path, let entry) where entry.isEmpty:
      return "`\(shown(path))` holds no sweep (no fedchain sweep.json); give a sweep's --out folder"
    case .notASweepFolder(let path, let entry):
      return
        "`\(shown(path))` is not a sweep folder: it holds `\(shown(entry))`, which no fedchain "
        + "sweep wrote; give a new or empty folder, or the folder of this sweep"
    case .otherSweep(let path, let found, let expected):
      return
        "`\(shown(path))` holds another sweep (id \(shown(found)); this one is \(expected)): a "
        + "folder keeps the runs of one sweep; give another --out folder, or remove that one"
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
