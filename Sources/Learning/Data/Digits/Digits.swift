/// The UCI "Optical Recognition of Handwritten Digits" test set (Alpaydin and Kaynak, 1998;
/// CC BY 4.0; UCI DOI 10.24432/C50P49): 1797 images of 8×8 cells, each cell counting the "on"
/// pixels of a 4×4 block of a 32×32 bitmap (0–16).
///
/// It is FedChainSim's default data set and is compiled into the binary, so a scenario trains
/// without any data file: `let digits = try Digits.load()`. The committed copy and its licence
/// note are in `data/digits/`; `data/digits/embed.sh` regenerates `EmbeddedDigits.swift`.
public enum Digits {
  /// The number of samples.
  public static let sampleCount = 1797
  /// The image side in cells.
  public static let side = 8
  /// The number of classes (digits 0–9).
  public static let classCount = 10
  /// The largest cell value; features are divided by it.
  public static let maximumCellValue = 16

  /// The embedded data set, named `digits`: 1797 samples of shape [1, 8, 8], cells scaled from
  /// 0…16 to [0, 1], 10 classes.
  /// - Throws: only if the embedded copy is damaged, which a test rules out.
  /// - Complexity: O(1797 × 64); a few milliseconds in a release build.
  public static func load() throws(DatasetError) -> Dataset {
    try parseCSV(try embeddedCSV(), source: "embedded digits.csv.gz")
  }

  /// The same data set read from a CSV file, raw or gzip-compressed, in the scikit-learn layout
  /// (see `parseCSV`).
  /// - Throws: `unreadableFile`, `decompressionFailed` or `malformedCSV` naming the line.
  public static func load(contentsOf path: String) throws(DatasetError) -> Dataset {
    try parseCSV(try FileBytes.readDecompressing(path), source: path)
  }

  /// The embedded file's decompressed CSV text (264,712 bytes).
  package static func embeddedCSV() throws(DatasetError) -> [UInt8] {
    let compressed = try embeddedGzip()
    do {
      return try Gzip.decompress(compressed)
    } catch {
      throw .decompressionFailed(path: "embedded digits.csv.gz", error)
    }
  }

  /// The embedded gzip file's bytes (57,523), as committed in `data/digits/digits.csv.gz`.
  package static func embeddedGzip() throws(DatasetError) -> [UInt8] {
    do {
      return try Base64.decode(embeddedGzipBase64)
    } catch {
      throw .decompressionFailed(path: "embedded digits.csv.gz", error)
    }
  }

  /// Parses digits CSV: one sample per line, 64 cell values 0…16 row-major then the label 0…9,
  /// comma-separated, no header; `\n` or `\r\n` line ends. `source` names the input in errors.
  /// - Throws: `malformedCSV` naming the line and the problem (field count, a non-integer, a
  ///   value out of range).
  /// - Complexity: O(bytes.count).
  public static func parseCSV(_ bytes: [UInt8], source: String) throws(DatasetError) -> Dataset {
    let width = side * side
    var features: [Float] = []
    features.reserveCapacity(sampleCount * width)
    var labels: [Int32] = []
    labels.reserveCapacity(sampleCount)
    var fields: [Int] = []
    fields.reserveCapacity(width + 1)
    var line = 1
    var value = 0
    var digitCount = 0

    func finishField() throws(DatasetError) {
      guard digitCount > 0 else {
        throw .malformedCSV(
          source: source, line: line, reason: "field \(fields.count + 1) is empty")
      }
      fields.append(value)
      value = 0
      digitCount = 0
    }
    func finishLine() throws(DatasetError) {
      try finishField()
      guard fields.count == width + 1 else {
        throw .malformedCSV(
          source: source, line: line,
          reason: "\(fields.count) fields; expected \(width + 1) (64 cells, then the label)")
      }
      for column in 0..<width {
        guard fields[column] <= maximumCellValue else {
          throw .malformedCSV(
            source: source, line: line,
            reason: "cell \(column + 1) is \(fields[column]); cells are 0...\(maximumCellValue)")
        }
        features.append(Float(fields[column]) / Float(maximumCellValue))
      }
      guard fields[width] < classCount else {
        throw .malformedCSV(
          source: source, line: line,
          reason: "label is \(fields[width]); labels are 0...\(classCount - 1)")
      }
      labels.append(Int32(fields[width]))
      fields.removeAll(keepingCapacity: true)
      line += 1
    }

    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        // Cells and labels are small; more than 3 digits is an error, not an overflow risk.
        guard digitCount < 3 else {
          throw .malformedCSV(
            source: source, line: line, reason: "field \(fields.count + 1) is too long")
        }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
        digitCount += 1
      case UInt8(ascii: ","):
        try finishField()
      case UInt8(ascii: "\n"):
        try finishLine()
      case UInt8(ascii: "\r") where index < bytes.count && bytes[index] == UInt8(ascii: "\n"):
        break
      default:
        throw .malformedCSV(
          source: source, line: line,
          reason: "byte \(byte) in field \(fields.count + 1); fields are non-negative integers")
      }
    }
    if digitCount > 0 || !fields.isEmpty { try finishLine() }  // last line without a line end
    guard !labels.isEmpty else {
      throw .malformedCSV(source: source, line: 1, reason: "no samples")
    }
    return Dataset(
      name: "digits", featureShape: [1, side, side], features: features, labels: labels,
      classCount: classCount)
  }
}
