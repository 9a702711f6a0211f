import Testing

@testable import Traces

struct CSVReaderTests {
  @Test func tableWithAwkwardFieldsReadsBackAsWritten() throws {
    // Every kind of field `CSVTable.escape` quotes, plus fields that need no quoting but are easy
    // to get wrong: empty ones, spaces, multi-byte UTF-8 next to separators.
    let rows = [
      ["1", "plain", "a,b"],
      ["2", "say \"hi\"", "\""],
      ["3", "line\nbreak", "two\n\nbreaks"],
      ["4", "", ","],
      ["", "ünïcödé, 日本語 🚀", " leading and trailing "],
      ["", "", ""],
      ["7", "\"\"", "\n"],
    ]
    var table = CSVTable(columns: ["time_ns", "note", "value"])
    for row in rows { table.append(row) }
    #expect(try CSVReader.rows(table.rendered) == [table.columns] + rows)
  }

  @Test func separatorsInsideMultiScalarCharactersRoundTrip() throws {
    // "\r\n" is one Swift `Character`, as is a quote or comma followed by a combining mark:
    // `CSVTable.escape` must find the separators in the bytes, or it writes these fields unquoted
    // and the text is no longer RFC 4180 (it did, until this test).
    let rows = [["crlf\r\ninside"], ["quote\"\u{301}accent"], ["comma,\u{301}accent"]]
    var table = CSVTable(columns: ["note"])
    for row in rows { table.append(row) }
    #expect(try CSVReader.rows(table.rendered) == [table.columns] + rows)
  }

  @Test func blankLineIsARowWithOneEmptyField() throws {
    // A one-column table renders an empty field as an empty line, `x\n\na\n\n`.
    var table = CSVTable(columns: ["x"])
    table.append([""])
    table.append(["a"])
    table.append([""])
    #expect(try CSVReader.rows(table.rendered) == [["x"], [""], ["a"], [""]])
  }

  @Test func emptyTextHasNoRows() throws {
    #expect(try CSVReader.rows("") == [])
  }

  @Test func crlfLineEndsAreAccepted() throws {
    #expect(try CSVReader.rows("a,b\r\n1,2\r\n") == [["a", "b"], ["1", "2"]])
    #expect(try CSVReader.rows("a,\"b\"\r\n\"1\",\r\n") == [["a", "b"], ["1", ""]])
    // LF and CRLF may be mixed; a CRLF inside quotes is data.
    #expect(try CSVReader.rows("a\n\"x\r\ny\"\r\nb") == [["a"], ["x\r\ny"], ["b"]])
  }

  @Test func finalLineEndIsOptional() throws {
    let expected = [["a", "b"], ["1", "2"]]
    #expect(try CSVReader.rows("a,b\n1,2") == expected)
    #expect(try CSVReader.rows("a,b\n1,2\n") == expected)
    #expect(try CSVReader.rows("a,b\n1,\"2\"") == expected)
    // A trailing comma still opens one last, empty field.
    #expect(try CSVReader.rows("a,b\n1,") == [["a", "b"], ["1", ""]])
  }

  @Test func unterminatedQuotedFieldIsReportedWhereItOpens() {
    // The quote opens on line 2 and the text ends on line 4.
    #expect(
      throws: CSVReadError(
        line: 2,
        message: "quoted field never closed before the end of the text; add its closing quote")
    ) {
      try CSVReader.rows("a,b\n1,\"open\nstill open\nend")
    }
  }

  @Test func quoteInsideUnquotedFieldIsRejected() {
    #expect(
      throws: CSVReadError(
        line: 2,
        message: "quote inside an unquoted field; quote the whole field and double its quotes")
    ) {
      try CSVReader.rows("a,b\n1,x\"y\n")
    }
  }

  @Test func textAfterClosingQuoteIsRejectedOnTheLineOfTheQuote() {
    // The quoted field opens on line 2 and closes on line 3, where the stray `x` is.
    let error = CSVReadError(
      line: 3,
      message: "`x` after a closing quote; expected a comma or a line end "
        + "(a quote inside a quoted field is written twice)")
    #expect(throws: error) { try CSVReader.rows("a,b\n\"multi\nline\"x,2\n") }
    #expect(error.description.hasPrefix("line 3: `x` after a closing quote"))
  }

  @Test func loneCarriageReturnOutsideQuotesIsRejected() {
    let message =
      "carriage return not followed by a line feed outside a quoted field; "
      + "end lines with LF or CRLF, or quote the field"
    #expect(throws: CSVReadError(line: 2, message: message)) {
      try CSVReader.rows("a\nb\rc\n")
    }
    #expect(throws: CSVReadError(line: 1, message: message)) {
      try CSVReader.rows("\"a\"\r")
    }
  }

  @Test func largeTableReadsBackRowForRow() throws {
    var table = CSVTable(columns: ["time_ns", "run", "note"])
    for index in 0..<20_000 {
      table.append(["\(index)", "\(index % 7)", index.isMultiple(of: 3) ? "a,\"b\"\nc" : "é"])
    }
    let rows = try CSVReader.rows(table.rendered)
    try #require(rows.count == 20_001)
    #expect(rows[1] == ["0", "0", "a,\"b\"\nc"])
    #expect(rows[20_000] == ["19999", "\(19_999 % 7)", "é"])
  }
}
