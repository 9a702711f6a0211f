import Testing

@testable import Learning

struct DigitsTests {
  @Test func embeddedDataSetHasTheDocumentedShapeAndClassCounts() throws {
    let digits = try Digits.load()
    #expect(digits.name == "digits")
    #expect(digits.count == 1797)
    #expect(digits.featureShape == [1, 8, 8])
    #expect(digits.classCount == 10)
    // data/digits/README.md (from the UCI/scikit-learn description).
    let counts = PartitionStatistics.labelCounts(
      of: Array(0..<digits.count), labels: digits.labels, classCount: 10)
    #expect(counts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
  }

  @Test func featuresAreCellCountsOverSixteen() throws {
    let digits = try Digits.load()
    #expect(digits.features.allSatisfy { $0 >= 0 && $0 <= 1 })
    #expect(digits.features.contains(1))  // some cell is fully on (16 of 16 pixels)
    // The first CSV line, `zcat data/digits/digits.csv.gz | head -1`, starts
    // 0,0,5,13,9,1,0,0 and ends with label 0.
    #expect(Array(digits.features[0..<8]) == [0, 0, 5, 13, 9, 1, 0, 0].map { Float($0) / 16 })
    #expect(digits.labels[0] == 0)
  }

  @Test func embeddedFileDecompressesToTheDocumentedSize() throws {
    // data/digits/README.md: 57,523 gzip bytes, 264,712 bytes of CSV.
    let compressed = try Digits.embeddedGzip()
    #expect(compressed.count == 57_523)
    let csv = try Gzip.decompress(compressed)
    #expect(csv.count == 264_712)
    #expect(csv.filter { $0 == UInt8(ascii: "\n") }.count == 1797)
  }

  @Test func embeddedCopyEqualsTheCommittedFile() throws {
    // Catches an EmbeddedDigits.swift not regenerated after data/digits/digits.csv.gz changed.
    let repository = String(
      #filePath.split(separator: "/Tests/").dropLast().joined(separator: "/Tests/"))
    let committed = try FileBytes.read(repository + "/data/digits/digits.csv.gz")
    #expect(try Digits.embeddedGzip() == committed)
  }

  // MARK: - CSV parsing

  private func line(cells: [Int], label: Int) -> String {
    (cells + [label]).map(String.init).joined(separator: ",")
  }

  @Test func parsesCRLFAndAMissingFinalLineEnd() throws {
    let text =
      line(cells: Array(repeating: 16, count: 64), label: 3) + "\r\n"
      + line(cells: Array(repeating: 0, count: 64), label: 9)
    let data = try Digits.parseCSV(Array(text.utf8), source: "two.csv")
    #expect(data.labels == [3, 9])
    #expect(data.features == Array(repeating: 1, count: 64) + Array(repeating: 0, count: 64))
  }

  @Test func malformedLinesAreReportedWithTheirNumber() {
    let good = line(cells: Array(repeating: 1, count: 64), label: 1) + "\n"
    let cases: [(String, DatasetError)] = [
      (
        good + line(cells: Array(repeating: 1, count: 63), label: 1) + "\n",
        .malformedCSV(
          source: "t.csv", line: 2, reason: "64 fields; expected 65 (64 cells, then the label)")
      ),
      (
        good + line(cells: [17] + Array(repeating: 1, count: 63), label: 1) + "\n",
        .malformedCSV(source: "t.csv", line: 2, reason: "cell 1 is 17; cells are 0...16")
      ),
      (
        line(cells: Array(repeating: 1, count: 64), label: 10) + "\n",
        .malformedCSV(source: "t.csv", line: 1, reason: "label is 10; labels are 0...9")
      ),
      (
        good + good + "1,-2\n",
        .malformedCSV(
          source: "t.csv", line: 3, reason: "byte 45 in field 2; fields are non-negative integers")
      ),
      (good + "1,,2\n", .malformedCSV(source: "t.csv", line: 2, reason: "field 2 is empty")),
      ("", .malformedCSV(source: "t.csv", line: 1, reason: "no samples")),
    ]
    for (text, expected) in cases {
      #expect(throws: expected) { try Digits.parseCSV(Array(text.utf8), source: "t.csv") }
    }
  }

  @Test func missingFileIsReportedWithItsPath() {
    #expect(
      throws: DatasetError.unreadableFile(
        path: "/nonexistent/digits.csv", reason: "No such file or directory")
    ) {
      try Digits.load(contentsOf: "/nonexistent/digits.csv")
    }
  }
}
