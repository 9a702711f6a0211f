/// Which data set a scenario trains on, as named in scenario text:
/// - `digits`: the embedded UCI 8×8 digits (the default; no file needed);
/// - `mnist:<directory>`: MNIST's IDX files in `<directory>`, raw or `.gz`;
/// - `synthetic` or `synthetic:key=value,…` with keys `kind` (`blobs` or `teacher`), `samples`,
///   `classes`, `features`, `separation`, `noise` (see `SyntheticDataset` for their defaults).
public enum DatasetSpec: Sendable, Equatable, CustomStringConvertible {
  /// The embedded UCI digits.
  case digits
  /// MNIST from the IDX files in `directory`.
  case mnist(directory: String)
  /// A generated data set.
  case synthetic(SyntheticDataset)

  /// Reads a spec from scenario text (see the type's summary).
  /// - Throws: `invalidSpec` naming the text and the problem, or `invalidParameter` for an
  ///   out-of-range synthetic parameter.
  public init(parsing text: String) throws(DatasetError) {
    let name = text.prefix { $0 != ":" }
    let argument = text.count > name.count ? String(text.dropFirst(name.count + 1)) : nil
    switch (name, argument) {
    case ("digits", nil):
      self = .digits
    case ("mnist", let directory?) where !directory.isEmpty:
      self = .mnist(directory: directory)
    case ("mnist", _):
      throw .invalidSpec(spec: text, reason: "MNIST needs its directory, as `mnist:<directory>`")
    case ("synthetic", let options):
      self = .synthetic(try DatasetSpec.parseSynthetic(options ?? "", spec: text))
    case ("digits", _):
      throw .invalidSpec(spec: text, reason: "`digits` takes no argument")
    default:
      throw .invalidSpec(spec: text, reason: "unknown data set `\(name)`")
    }
  }

  /// The spec in the text form that `init(parsing:)` reads.
  public var description: String {
    switch self {
    case .digits:
      return "digits"
    case .mnist(let directory):
      return "mnist:\(directory)"
    case .synthetic(let recipe):
      return "synthetic:kind=\(recipe.kind.rawValue),samples=\(recipe.sampleCount),"
        + "classes=\(recipe.classCount),features=\(recipe.featureCount),"
        + "separation=\(recipe.separation),noise=\(recipe.noise)"
    }
  }

  /// The training and test sets. MNIST keeps its official 60,000/10,000 split and ignores
  /// `testFraction`; digits and synthetic data are split with stratification, drawing from
  /// `generator` (after the synthetic data itself).
  /// - Throws: `DatasetError` from loading or generating, or `invalidParameter` unless
  ///   0 < testFraction < 1.
  public func load(testFraction: Double = 0.2, using generator: inout some RandomNumberGenerator)
    throws(DatasetError) -> (train: Dataset, test: Dataset)
  {
    guard testFraction > 0, testFraction < 1 else {
      throw .invalidParameter(
        name: "test fraction", value: "\(testFraction)", accepted: "strictly between 0 and 1")
    }
    let whole: Dataset
    switch self {
    case .mnist(let directory):
      return (
        try MNIST.load(directory: directory, part: .train),
        try MNIST.load(directory: directory, part: .test)
      )
    case .digits:
      whole = try Digits.load()
    case .synthetic(let recipe):
      whole = try recipe.make(using: &generator)
    }
    do {
      return try whole.split(testFraction: testFraction, stratified: true, using: &generator)
    } catch {
      // The fraction was checked above, and splitting has no other failure.
      throw .invalidParameter(
        name: "test fraction", value: "\(testFraction)", accepted: "\(error)")
    }
  }

  private static func parseSynthetic(_ options: String, spec: String) throws(DatasetError)
    -> SyntheticDataset
  {
    var recipe = SyntheticDataset()
    var seen: [String] = []
    for option in options.split(separator: ",") {
      let pair = option.split(separator: "=", maxSplits: 1).map(String.init)
      guard pair.count == 2 else {
        throw .invalidSpec(spec: spec, reason: "option `\(option)` is not key=value")
      }
      let (key, value) = (pair[0], pair[1])
      guard !seen.contains(key) else {
        throw .invalidSpec(spec: spec, reason: "option `\(key)` is given twice")
      }
      seen.append(key)
      func integer() throws(DatasetError) -> Int {
        guard let number = Int(value) else {
          throw .invalidSpec(spec: spec, reason: "`\(key)` needs an integer, got `\(value)`")
        }
        return number
      }
      func real() throws(DatasetError) -> Double {
        guard let number = Double(value) else {
          throw .invalidSpec(spec: spec, reason: "`\(key)` needs a number, got `\(value)`")
        }
        return number
      }
      switch key {
      case "kind":
        guard let kind = SyntheticDataset.Kind(rawValue: value) else {
          throw .invalidSpec(
            spec: spec, reason: "kind `\(value)` is unknown; use `blobs` or `teacher`")
        }
        recipe.kind = kind
      case "samples": recipe.sampleCount = try integer()
      case "classes": recipe.classCount = try integer()
      case "features": recipe.featureCount = try integer()
      case "separation": recipe.separation = try real()
      case "noise": recipe.noise = try real()
      default:
        throw .invalidSpec(
          spec: spec,
          reason: "unknown option `\(key)`; options are kind, samples, classes, features, "
            + "separation, noise")
      }
    }
    try recipe.validate()
    return recipe
  }
}
