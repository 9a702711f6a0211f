/// A CSV file read for the report: its header checked for the columns the report uses, every
/// row checked for its number of fields, and typed access to fields that names the file, line,
/// column and value of anything unusable.
///
/// Columns are found by name, so a file with more columns than the report reads (a newer
/// fedchain's) is read all the same.
struct ReportTable {
  /// The file as named in messages.
  let path: String
  /// The header's column names.
  let header: [String]
  /// The data rows, header excluded, each with one field per column.
  let rows: [[String]]
  /// Column indices by name, for look-up only (never iterated).
  private let indices: [String: Int]

  /// Parses `text` and checks it.
  /// - Parameters:
  ///   - required: the columns the report reads.
  ///   - schema: the columns fedchain writes, named in the message when one is missing.
  /// - Throws: `.malformedCSV`, `.emptyTable` (no header), `.missingColumn`, `.fieldCount`.
  /// - Complexity: O(n) in the text's length.
  init(path: String, text: String, required: [String], schema: [String]) throws(ReportError) {
    let all: [[String]]
    do throws(CSVReadError) {
      all = try CSVReader.rows(text)
    } catch {
      throw .malformedCSV(path: path, line: error.line, message: error.message)
    }
    guard let header = all.first else {
      throw .emptyTable(path: path, needed: "empty file; expected a header line and rows")
    }
    var indices: [String: Int] = [:]
    for (index, name) in header.enumerated() where indices[name] == nil { indices[name] = index }
    for column in required where indices[column] == nil {
      throw .missingColumn(path: path, column: column, expected: schema.joined(separator: ","))
    }
    self.path = path
    self.header = header
    self.rows = Array(all.dropFirst())
    self.indices = indices
    for (index, row) in rows.enumerated() where row.count != header.count {
      throw .fieldCount(
        path: path, line: line(ofRow: index), count: row.count, expected: header.count)
    }
  }

  /// True when the file has `column`.
  func has(_ column: String) -> Bool { indices[column] != nil }

  /// The 1-based line of the file where data row `row` (0-based) starts: the header is line 1,
  /// and a quoted field holding line breaks makes its row span several.
  func line(ofRow row: Int) -> Int {
    var line = 2 + header.reduce(0) { $0 + newlines(in: $1) }
    for earlier in rows[..<row] { line += 1 + earlier.reduce(0) { $0 + newlines(in: $1) } }
    return line
  }

  private func newlines(in field: String) -> Int { field.utf8.count { $0 == 0x0A } }

  /// The field of `row` in `column`.
  /// - Precondition: `column` is one of the header's (the required ones are).
  func text(_ row: Int, _ column: String) -> String {
    guard let index = indices[column] else {
      preconditionFailure("ReportTable: `\(column)` is not a column of \(path)")
    }
    return rows[row][index]
  }

  /// The field as a whole number of at least `minimum`.
  /// - Throws: `.badValue` naming what is accepted.
  func integer(_ row: Int, _ column: String, minimum: Int64 = 0, meaning: String = "")
    throws(ReportError) -> Int64
  {
    let field = text(row, column)
    guard let value = Int64(field), value >= minimum else {
      let what = meaning.isEmpty ? "" : " (\(meaning))"
      throw bad(row, column, field, "a whole number ≥ \(minimum)\(what)")
    }
    return value
  }

  /// The field as a finite number, or nil when it is empty (a trace's "no value").
  /// - Throws: `.badValue` for anything else.
  func optionalNumber(_ row: Int, _ column: String) throws(ReportError) -> Double? {
    let field = text(row, column)
    if field.isEmpty { return nil }
    guard let value = Double(field), value.isFinite else {
      throw bad(row, column, field, "a finite decimal number, or an empty field for none")
    }
    return value
  }

  /// The field, which must not be empty.
  func nonEmpty(_ row: Int, _ column: String, meaning: String) throws(ReportError) -> String {
    let field = text(row, column)
    guard !field.isEmpty else { throw bad(row, column, field, meaning) }
    return field
  }

  /// The field, which must be one of `accepted`.
  func oneOf(_ row: Int, _ column: String, _ accepted: [String]) throws(ReportError) -> String {
    let field = text(row, column)
    guard accepted.contains(field) else {
      throw bad(row, column, field, "one of " + accepted.joined(separator: ", "))
    }
    return field
  }

  /// A `.badValue` for the field of `row` in `column`.
  func bad(_ row: Int, _ column: String, _ value: String, _ accepted: String) -> ReportError {
    .badValue(path: path, line: line(ofRow: row), column: column, value: value, accepted: accepted)
  }
}
