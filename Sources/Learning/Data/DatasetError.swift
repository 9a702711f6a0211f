/// Why a data set could not be read, parsed, generated or named.
///
/// Each case carries the file (or spec text) involved, what was expected and what was found, so
/// its description tells the user what to fix.
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file at `path` could not be opened or read; `reason` is the system's explanation.
  case unreadableFile(path: String, reason: String)
  /// None of `candidates` exists (e.g. an MNIST file, raw or gzip-compressed).
  case fileNotFound(candidates: [String])
  /// The gzip file at `path` failed to decompress.
  case decompressionFailed(path: String, CompressionError)
  /// The IDX file at `path` starts with magic `found` where `expected` was wanted
  /// (2051 = 0x00000803 for images, 2049 = 0x00000801 for labels).
  case wrongMagic(path: String, expected: UInt32, found: UInt32)
  /// The IDX file at `path` holds `foundBytes` bytes, but its header implies `expectedBytes`.
  case sizeMismatch(path: String, expectedBytes: Int, foundBytes: Int)
  /// The IDX file at `path` has dimensions `found`, not the `expected` ones.
  case unexpectedDimensions(path: String, expected: String, found: [Int])
  /// The images file and the labels file disagree on the number of samples.
  case countMismatch(imagesPath: String, imageCount: Int, labelsPath: String, labelCount: Int)
  /// Sample `index` of `source` has label `label`, outside `0..<classCount`.
  case labelOutOfRange(source: String, index: Int, label: Int, classCount: Int)
  /// Line `line` (1-based) of the CSV `source` is malformed: `reason`.
  case malformedCSV(source: String, line: Int, reason: String)
  /// The data set spec `spec` is not understood: `reason`.
  case invalidSpec(spec: String, reason: String)
  /// Parameter `name` has the value `value`; `accepted` says what is allowed.
  case invalidParameter(name: String, value: String, accepted: String)

  /// One line for a user: what failed, where, the bad value and what is accepted.
  public var description: String {
    switch self {
    case .unreadableFile(let path, let reason):
      return "`\(path)`: cannot read the file: \(reason)"
    case .fileNotFound(let candidates):
      return "none of these files exists: "
        + candidates.map { "`\($0)`" }.joined(separator: ", ")
        + "; check the directory or download the data set"
    case .decompressionFailed(let path, let error):
      return "`\(path)`: gzip data is damaged: \(error)"
    case .wrongMagic(let path, let expected, let found):
      return "`\(path)`: IDX magic number is \(found), expected \(expected) "
        + "(2051 for an images file, 2049 for a labels file); is it the right file?"
    case .sizeMismatch(let path, let expected, let found):
      return "`\(path)`: the IDX header implies \(expected) bytes but the file has \(found); "
        + (found < expected ? "the file is truncated" : "the file has extra bytes")
    case .unexpectedDimensions(let path, let expected, let found):
      return "`\(path)`: dimensions \(found), expected \(expected)"
    case .countMismatch(let imagesPath, let imageCount, let labelsPath, let labelCount):
      return "`\(imagesPath)` holds \(imageCount) images but `\(labelsPath)` holds "
        + "\(labelCount) labels; use the images and labels of the same set"
    case .labelOutOfRange(let source, let index, let label, let classCount):
      return "`\(source)`: sample \(index) has label \(label); labels must be in 0..<\(classCount)"
    case .malformedCSV(let source, let line, let reason):
      return "`\(source):\(line)`: \(reason)"
    case .invalidSpec(let spec, let reason):
      return "data set `\(spec)`: \(reason); accepted: `digits`, `mnist:<directory>`, "
        + "`synthetic` or `synthetic:key=value,…`"
    case .invalidParameter(let name, let value, let accepted):
      return "\(name) = \(value) is not accepted; \(name) must be \(accepted)"
    }
  }
}
