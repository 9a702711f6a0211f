import SimCore

/// Why a report could not be made from a folder. Each description is one line that names the
/// folder or file (and the row and column of a bad value), what was found, and what is accepted.
public enum ReportError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Nothing is at `path`.
  case noFolder(path: String)
  /// `path` names something that is not a folder (`kind` says what: "a file", …).
  case notAFolder(path: String, kind: String)
  /// The folder holds neither a run's traces nor a sweep's tables.
  case notARunOrSweep(path: String)
  /// A file the report needs is missing; `hint` says how to get it.
  case missingFile(path: String, hint: String)
  /// A file could not be read: `reason` from the system, or "not UTF-8 text", "larger than …".
  case unreadable(path: String, reason: String)
  /// A CSV file is not well-formed CSV at `line`.
  case malformedCSV(path: String, line: Int, message: String)
  /// A CSV file has no header line, or no row where one is needed.
  case emptyTable(path: String, needed: String)
  /// A CSV file lacks a column the report reads.
  case missingColumn(path: String, column: String, expected: String)
  /// A row has another number of fields than the header.
  case fieldCount(path: String, line: Int, count: Int, expected: Int)
  /// A field holds a value the report cannot use; `accepted` says what would do.
  case badValue(path: String, line: Int, column: String, value: String, accepted: String)
  /// A JSON file is not valid JSON, or not the fedchain file it should be.
  case badJSON(path: String, message: String)

  public var description: String {
    switch self {
    case .noFolder(let path):
      return
        "`\(shown(path))`: no such folder; give a folder a fedchain run or sweep wrote (its --out)"
    case .notAFolder(let path, let kind):
      return "`\(shown(path))` is \(kind), not a folder; give a run's or a sweep's output folder"
    case .notARunOrSweep(let path):
      return
        "`\(shown(path))` is neither a run folder (manifest.json, summary.csv) nor a sweep "
        + "folder (sweep.json, sweep.csv, sweep-stats.csv); give the --out folder of a fedchain "
        + "run or sweep"
    case .missingFile(let path, let hint):
      return "`\(shown(path))`: missing; \(hint)"
    case .unreadable(let path, let reason):
      return "`\(shown(path))`: cannot be read: \(reason)"
    case .malformedCSV(let path, let line, let message):
      return "`\(shown(path))` line \(line): \(message)"
    case .emptyTable(let path, let needed):
      return "`\(shown(path))`: \(needed)"
    case .missingColumn(let path, let column, let expected):
      return
        "`\(shown(path))`: no `\(shown(column))` column; expected fedchain's columns "
        + "(\(expected))"
    case .fieldCount(let path, let line, let count, let expected):
      return
        "`\(shown(path))` line \(line): \(count) fields for the header's \(expected); every row "
        + "has one field per column"
    case .badValue(let path, let line, let column, let value, let accepted):
      return
        "`\(shown(path))` line \(line), column `\(shown(column))`: `\(shown(value))` is not "
        + "accepted; expected \(accepted)"
    case .badJSON(let path, let message):
      return "`\(shown(path))`: \(message)"
    }
  }

  private func shown(_ text: String) -> String { EchoedText.echoed(text) }
}
