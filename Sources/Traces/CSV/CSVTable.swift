/// A CSV table with a fixed header, built row by row in memory and rendered as RFC 4180 text with
/// LF line endings. Nothing depends on locale: integers in decimal, doubles in Swift's shortest
/// round-trip form.
public struct CSVTable: Sendable {
  /// The column names, snake_case.
  public let columns: [String]
  private var text: String
  /// Data rows so far.
  public private(set) var rowCount = 0

  /// An empty table with `columns` as its header.
  public init(columns: [String]) {
    precondition(!columns.isEmpty, "CSVTable needs at least one column")
    self.columns = columns
    self.text = CSVTable.line(columns)
  }

  /// Appends a row of already formatted fields.
  /// - Precondition: one field per column.
  public mutating func append(_ fields: [String]) {
    precondition(
      fields.count == columns.count,
      "CSVTable: row has \(fields.count) fields for \(columns.count) columns \(columns)")
    text += CSVTable.line(fields)
    rowCount += 1
  }

  /// One row as CSV text: its fields escaped, joined by commas, ended by a line feed.
  public static func line(_ fields: [String]) -> String {
    fields.map(escape).joined(separator: ",") + "\n"
  }

  /// The table as CSV text.
  public var rendered: String { text }

  /// A field quoted when it holds a comma, quote or line break (RFC 4180 §2). Bytes, not
  /// `Character`s, are examined: "\r\n", or a quote followed by a combining mark, is one
  /// `Character` that equals none of the four.
  public static func escape(_ field: String) -> String {
    guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
    else { return field }
    var quoted = String.UnicodeScalarView()
    quoted.append("\"")
    for scalar in field.unicodeScalars {
      quoted.append(scalar)
      if scalar == "\"" { quoted.append("\"") }
    }
    quoted.append("\"")
    return String(quoted)
  }

  /// A double as its shortest round-trip text (`0.1`, `2.5e-07`); empty for NaN (missing).
  public static func format(_ value: Double) -> String { value.isNaN ? "" : "\(value)" }
}
