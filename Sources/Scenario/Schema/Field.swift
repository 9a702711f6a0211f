import SimCore
import Traces

/// One field of a scenario object: one line of its schema table.
///
/// A field knows its name, what it accepts (said the same way in errors, in the README's field
/// tables and in `fedchain validate --fields`), its default, a sentence of help, and how to turn
/// the JSON value into a typed `Value` or a one-line `ScenarioError`. Ranges live here, once: the
/// decoder reads a field only through its `Field`, so the error, the docs and the check cannot
/// drift apart.
struct Field<Value: Sendable>: Sendable {
  /// The member name in the JSON object.
  let name: String
  /// What the field accepts, as a phrase: "a whole number from 1 to 1000".
  let accepts: String
  /// The value used when the field is absent; nil when the field is required or has no default.
  let defaultValue: Value?
  /// The default as a scenario would write it, or a sentence when it depends on other fields.
  let defaultText: String
  /// What the field means.
  let help: String
  /// Turns the member's JSON value into `Value`, or throws naming `place` and the value.
  let parse: @Sendable (JSONValue, FieldPlace) throws(ScenarioError) -> Value

  /// The line of the schema table this field is.
  var row: FieldRow {
    FieldRow(name: name, accepts: accepts, defaultText: defaultText, help: help)
  }

  /// The source text of a JSON number, or a wrong-type error saying what the field accepts.
  static func numberText(of value: JSONValue, at place: FieldPlace, accepts: String)
    throws(ScenarioError) -> String
  {
    guard case .number(let text) = value.kind else { throw wrongType(value, at: place, accepts) }
    return text
  }

  /// The text of a JSON string, or a wrong-type error saying what the field accepts.
  static func stringText(of value: JSONValue, at place: FieldPlace, accepts: String)
    throws(ScenarioError) -> String
  {
    guard case .string(let text) = value.kind else { throw wrongType(value, at: place, accepts) }
    return text
  }

  private static func wrongType(_ value: JSONValue, at place: FieldPlace, _ accepts: String)
    -> ScenarioError
  {
    .wrongType(
      file: place.file, line: value.line, path: place.path, found: value.typeDescription,
      expected: accepts)
  }

  /// The error for a value of the right type outside what the field accepts.
  static func rejection(_ value: JSONValue, at place: FieldPlace, accepts: String) -> ScenarioError
  {
    .invalidValue(
      file: place.file, line: value.line, path: place.path, value: value.excerpt,
      accepted: "expected \(accepts)")
  }
}

/// Where a field's value sits: the file and the dotted path of the member.
struct FieldPlace: Sendable {
  let file: String
  let path: String
}

/// A field without its type: one line of a schema table, for docs and for the accepted-field
/// list of errors.
struct FieldRow: Sendable, Equatable {
  let name: String
  let accepts: String
  let defaultText: String
  let help: String
}

// MARK: - Field kinds

extension Field where Value: FixedWidthInteger {
  /// A whole number within `range` (`Int` for counts, `UInt64` for seeds and gas).
  static func integer(
    _ name: String, in range: ClosedRange<Value>, default defaultValue: Value?, help: String,
    defaultText: String? = nil
  ) -> Field {
    let accepts = "a whole number from \(grouped(range.lowerBound)) to \(grouped(range.upperBound))"
    return Field(
      name: name, accepts: accepts, defaultValue: defaultValue,
      defaultText: defaultText ?? defaultValue.map { "\($0)" } ?? "required", help: help
    ) { (value, place) throws(ScenarioError) in
      let text = try numberText(of: value, at: place, accepts: accepts)
      guard let number = Value(text), range.contains(number) else {
        throw rejection(value, at: place, accepts: accepts)
      }
      return number
    }
  }
}

extension Field where Value == Double {
  /// A finite number within `range`, excluding its lower bound when `openLower`.
  static func number(
    _ name: String, in range: ClosedRange<Double>, openLower: Bool = false,
    default defaultValue: Double?, help: String, defaultText: String? = nil
  ) -> Field {
    let lower = openLower ? "above \(range.lowerBound)" : "from \(range.lowerBound)"
    let accepts = "a number \(lower) up to \(range.upperBound)"
    return Field(
      name: name, accepts: accepts, defaultValue: defaultValue,
      defaultText: defaultText ?? defaultValue.map { "\($0)" } ?? "none", help: help
    ) { (value, place) throws(ScenarioError) in
      let text = try numberText(of: value, at: place, accepts: accepts)
      guard let number = Double(text), number.isFinite, range.contains(number),
        !(openLower && number == range.lowerBound)
      else { throw rejection(value, at: place, accepts: accepts) }
      return number
    }
  }
}

extension Field where Value == SimDuration {
  /// A duration written as a string with its unit glued on (`"10ms"`), within `range`, or zero
  /// when `allowsZero`.
  static func duration(
    _ name: String, in range: ClosedRange<SimDuration>, allowsZero: Bool = false,
    default defaultValue: SimDuration?, help: String, defaultText: String? = nil
  ) -> Field {
    // A range that starts at 1 ns and admits zero reads "from 0s"; a wider gap says "or 0s".
    let startsAtZero = allowsZero && range.lowerBound <= .nanoseconds(1)
    let lower = startsAtZero ? "0s" : "\(range.lowerBound)"
    let zero = allowsZero && !startsAtZero ? ", or 0s" : ""
    let accepts =
      "a duration from \(lower) to \(range.upperBound)\(zero), written as a number glued to ns, "
      + "us, ms or s in a string, e.g. \"10ms\" or \"1.5s\""
    return Field(
      name: name, accepts: accepts, defaultValue: defaultValue,
      defaultText: defaultText ?? defaultValue.map { "\"\($0)\"" } ?? "none", help: help
    ) { (value, place) throws(ScenarioError) in
      guard case .string(let text) = value.kind, let duration = SimDuration(parsing: text),
        range.contains(duration) || (allowsZero && duration == .zero)
      else { throw rejection(value, at: place, accepts: accepts) }
      return duration
    }
  }
}

extension Field where Value == BitRate {
  /// A positive rate with its unit, at most `maximumBitsPerSecond`.
  static func rate(
    _ name: String, default defaultValue: BitRate?, help: String, defaultText: String? = nil
  ) -> Field {
    let accepts =
      "a rate from 1bps to 1Tbps, written as a number glued to bps, kbps, Mbps, Gbps (bits per "
      + "second) or Bps, kBps, MBps, GBps (bytes per second) in a string, e.g. \"100Mbps\""
    return Field(
      name: name, accepts: accepts, defaultValue: defaultValue,
      defaultText: defaultText ?? defaultValue.map { "\"\($0)\"" } ?? "required", help: help
    ) { (value, place) throws(ScenarioError) in
      guard case .string(let text) = value.kind, let rate = BitRate(parsing: text),
        rate.bitsPerSecond > 0, rate.bitsPerSecond <= maximumBitsPerSecond
      else { throw rejection(value, at: place, accepts: accepts) }
      return rate
    }
  }

  /// A terabit per second: no link of an edge platform is faster, and the bound keeps every
  /// transmission time's arithmetic far from overflow.
  static var maximumBitsPerSecond: Int64 { 1_000_000_000_000 }
}

extension Field where Value == ByteCount {
  /// A byte count: a whole number, or a string with a unit (`"1.5MB"`, `"64KiB"`), in `range`.
  static func bytes(
    _ name: String, in range: ClosedRange<Int64>, default defaultValue: ByteCount?, help: String
  ) -> Field {
    let accepts =
      "a byte count from \(grouped(range.lowerBound)) to \(grouped(range.upperBound)): a whole "
      + "number, or a string such as \"1.5MB\" or \"64KiB\" (B, kB, MB, GB, KiB, MiB, GiB)"
    return Field(
      name: name, accepts: accepts, defaultValue: defaultValue,
      defaultText: defaultValue.map { "\"\($0)\"" } ?? "required", help: help
    ) { (value, place) throws(ScenarioError) in
      let size: ByteCount?
      switch value.kind {
      case .number(let text): size = Int64(text).map { ByteCount(bytes: $0) }
      case .string(let text): size = ByteCount(parsing: text)
      default: size = nil
      }
      guard let size, range.contains(size.bytes) else {
        throw rejection(value, at: place, accepts: accepts)
      }
      return size
    }
  }
}

extension Field where Value == String {
  /// Any string; `check` may refuse some with the reason it returns.
  static func string(
    _ name: String, accepts: String = "a string", default defaultValue: String?, help: String,
    defaultText: String? = nil,
    check: @escaping @Sendable (String) -> String? = { _ in nil }
  ) -> Field {
    Field(
      name: name, accepts: accepts, defaultValue: defaultValue,
      defaultText: defaultText ?? defaultValue.map { "\"\($0)\"" } ?? "required", help: help
    ) { (value, place) throws(ScenarioError) in
      let text = try stringText(of: value, at: place, accepts: accepts)
      if let reason = check(text) {
        throw .invalidValue(
          file: place.file, line: value.line, path: place.path, value: value.excerpt,
          accepted: reason)
      }
      return text
    }
  }

  /// One of `choices`.
  static func choice(
    _ name: String, from choices: [String], default defaultValue: String?, help: String,
    defaultText: String? = nil
  ) -> Field {
    let accepts = "one of: \(choices.map { "\"\($0)\"" }.joined(separator: ", "))"
    return Field(
      name: name, accepts: accepts, defaultValue: defaultValue,
      defaultText: defaultText ?? defaultValue.map { "\"\($0)\"" } ?? "required", help: help
    ) { (value, place) throws(ScenarioError) in
      guard case .string(let text) = value.kind, choices.contains(text) else {
        throw rejection(value, at: place, accepts: accepts)
      }
      return text
    }
  }
}

extension Field {
  /// A string that a spec parser of a lower target turns into `Value` (a stage, an attack, an
  /// aggregation rule); a string it refuses is an invalid value whose accepted text is the
  /// parser's error, which says what failed and what is accepted.
  ///
  /// The field has no default of its own: where it is absent the decoder takes one from other
  /// fields (a preset's stage, say), which `defaultText` describes.
  static func spec<Failure: Error>(
    _ name: String, accepts: String, defaultText: String, help: String,
    parse: @escaping @Sendable (String) throws(Failure) -> Value
  ) -> Field {
    Field(
      name: name, accepts: accepts, defaultValue: nil, defaultText: defaultText, help: help
    ) { (value, place) throws(ScenarioError) in
      let text = try stringText(of: value, at: place, accepts: accepts)
      do {
        return try parse(text)
      } catch {
        throw .invalidValue(
          file: place.file, line: value.line, path: place.path, value: value.excerpt,
          accepted: "\(error)")
      }
    }
  }
}

extension Field where Value == Bool {
  /// `true` or `false`.
  static func boolean(_ name: String, default defaultValue: Bool, help: String) -> Field {
    let accepts = "true or false"
    return Field(
      name: name, accepts: accepts, defaultValue: defaultValue, defaultText: "\(defaultValue)",
      help: help
    ) { (value, place) throws(ScenarioError) in
      guard case .bool(let flag) = value.kind else { throw wrongType(value, at: place, accepts) }
      return flag
    }
  }
}

extension Field where Value == JSONValue {
  /// A member whose structure its decoder reads (an object, a list of objects, a list of ids).
  static func structure(_ name: String, accepts: String, defaultText: String, help: String)
    -> Field
  {
    Field(
      name: name, accepts: accepts, defaultValue: nil, defaultText: defaultText, help: help
    ) { (value, _) throws(ScenarioError) in value }
  }
}

/// `1234567` as `1,234,567`, for ranges in errors and docs.
func grouped(_ number: some BinaryInteger) -> String {
  let digits = String(number.magnitude)
  var result = ""
  for (index, digit) in digits.enumerated() {
    if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
    result.append(digit)
  }
  return (number < 0 ? "-" : "") + result
}
