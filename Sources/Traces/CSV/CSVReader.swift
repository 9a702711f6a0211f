/// The reading twin of `CSVTable`: splits RFC 4180 text into rows of fields.
///
/// Rows end with LF or CRLF, and the last row's line end is optional (it never yields an empty
/// trailing row). A field that starts with a quote runs to the matching closing quote and may hold
/// commas, line breaks and doubled quotes (`""` for one `"`); its line breaks are kept as they
/// are. A blank line in the middle of the text is a row with one empty field, which is how
/// `CSVTable` renders such a row of a one-column table. Rows are not checked against each other
/// for their number of fields; that is the caller's schema.
///
/// Stricter than many readers, as RFC 4180 §2 is: a quote inside an unquoted field, text between
/// a closing quote and the next comma or line end, a carriage return not followed by a line feed
/// outside quotes, and an unterminated quoted field are errors, not guesses.
public enum CSVReader {
  /// The rows of `text`, each a list of fields, header included.
  ///
  /// Empty text has zero rows.
  /// - Throws: `CSVReadError` at the first malformed field, with its 1-based line.
  /// - Complexity: O(n) in the UTF-8 length of `text`; each byte is looked at once.
  public static func rows(_ text: String) throws(CSVReadError) -> [[String]] {
    var text = text
    // `withUTF8` makes the storage contiguous (a no-op for native strings) so the scan runs over
    // a buffer of bytes; the closure's untyped rethrows is bridged with a `Result`.
    let result = text.withUTF8 { bytes -> Result<[[String]], CSVReadError> in
      var scanner = Scanner(bytes: bytes)
      do throws(CSVReadError) {
        return .success(try scanner.readRows())
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }
}

/// Malformed CSV text: the 1-based line of the problem and what is wrong there.
public struct CSVReadError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The 1-based line of the problem; for an unterminated quoted field, the line it opens on.
  public let line: Int
  /// One line, starting in lowercase, saying what is wrong and how to fix it.
  public let message: String
  public var description: String { "line \(line): \(message)" }
}

// MARK: - Scanning

extension CSVReader {
  /// A single forward pass over the bytes. Only ASCII bytes (`,` `"` CR LF) are ever looked for,
  /// and those never occur inside a multi-byte UTF-8 sequence, so every field boundary is also a
  /// character boundary.
  private struct Scanner {
    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")

    let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var line = 1
    /// Bytes of a quoted field with doubled quotes, undoubled; reused across fields.
    private var unescaped: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func readRows() throws(CSVReadError) -> [[String]] {
      var rows: [[String]] = []
      var row: [String] = []
      // At the top of the loop a field starts; the input ending there only ends the text when
      // no field of the row has begun (the optional final line end, or empty text).
      while position < bytes.count {
        row.append(try readField())
        guard position < bytes.count else { break }
        switch bytes[position] {
        case Self.comma:
          position += 1
          // A comma as the very last byte is followed by an empty field.
          if position == bytes.count { row.append("") }
        case Self.lineFeed:
          position += 1
          line += 1
          rows.append(row)
          row = []
        default:
          // `readField` stops only at a comma, a line end or the end of the text, and it has
          // already turned a CR into a line end or an error.
          preconditionFailure("CSVReader: field ended at byte \(bytes[position]), line \(line)")
        }
      }
      if !row.isEmpty { rows.append(row) }
      return rows
    }

    /// The field starting at `position`; leaves `position` on the comma or LF that ends it (a
    /// CRLF's CR is skipped), or at the end of the text.
    private mutating func readField() throws(CSVReadError) -> String {
      if position < bytes.count && bytes[position] == Self.quote {
        return try readQuotedField()
      }
      let start = position
      while position < bytes.count {
        switch bytes[position] {
        case Self.comma, Self.lineFeed:
          return string(start..<position)
        case Self.carriageReturn:
          let end = position
          try skipCarriageReturnOfLineEnd()
          return string(start..<end)
        case Self.quote:
          throw CSVReadError(
            line: line,
            message: "quote inside an unquoted field; quote the whole field and double its quotes")
        default:
          position += 1
        }
      }
      return string(start..<position)
    }

    /// A field from its opening quote through the closing one, undoubling `""`.
    private mutating func readQuotedField() throws(CSVReadError) -> String {
      let openingLine = line
      position += 1
      var segmentStart = position
      var hasDoubledQuote = false
      unescaped.removeAll(keepingCapacity: true)
      while position < bytes.count {
        switch bytes[position] {
        case Self.quote:
          if position + 1 < bytes.count && bytes[position + 1] == Self.quote {
            // Keep the first quote of the pair and skip the second.
            hasDoubledQuote = true
            unescaped.append(contentsOf: bytes[segmentStart...position])
            position += 2
            segmentStart = position
            continue
          }
          let field: String
          if hasDoubledQuote {
            unescaped.append(contentsOf: bytes[segmentStart..<position])
            field = String(decoding: unescaped, as: UTF8.self)
          } else {
            field = string(segmentStart..<position)
          }
          position += 1
          try expectFieldEndAfterClosingQuote()
          return field
        case Self.lineFeed:
          line += 1
          position += 1
        default:
          position += 1
        }
      }
      throw CSVReadError(
        line: openingLine,
        message: "quoted field never closed before the end of the text; add its closing quote")
    }

    /// Checks that a closing quote is followed by a comma, a line end or the end of the text.
    private mutating func expectFieldEndAfterClosingQuote() throws(CSVReadError) {
      guard position < bytes.count else { return }
      switch bytes[position] {
      case Self.comma, Self.lineFeed: return
      case Self.carriageReturn: try skipCarriageReturnOfLineEnd()
      default:
        let found = characterDescription(at: position)
        throw CSVReadError(
          line: line,
          message: "`\(found)` after a closing quote; expected a comma or a line end "
            + "(a quote inside a quoted field is written twice)")
      }
    }

    /// Steps over the CR of a CRLF, leaving `position` on the LF; a lone CR is an error.
    private mutating func skipCarriageReturnOfLineEnd() throws(CSVReadError) {
      guard position + 1 < bytes.count && bytes[position + 1] == Self.lineFeed else {
        throw CSVReadError(
          line: line,
          message: "carriage return not followed by a line feed outside a quoted field; "
            + "end lines with LF or CRLF, or quote the field")
      }
      position += 1
    }

    private func string(_ range: Range<Int>) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The character starting at `index`, escaped when it is not printable.
    private func characterDescription(at index: Int) -> String {
      // A scalar is at most 4 bytes; a truncated one after it cannot change the first.
      let prefix = string(index..<min(index + 4, bytes.count))
      guard let scalar = prefix.unicodeScalars.first else { return "" }
      return scalar.escaped(asASCII: false)
    }
  }
}
