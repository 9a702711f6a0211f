import SimCore
import Traces

/// Reads the members of one JSON object with the file and field path at hand, so every failure
/// becomes a `ScenarioError` that says exactly where and what.
struct ObjectReader {
  let file: String
  let path: String
  let value: JSONValue
  /// The object's members in file order.
  let members: [(key: String, value: JSONValue)]

  /// A reader over `value`, which must be an object.
  init(_ value: JSONValue, path: String, file: String) throws(ScenarioError) {
    guard case .object(let members) = value.kind else {
      throw .wrongType(
        file: file, line: value.line, path: path, found: value.typeDescription,
        expected: "an object")
    }
    self.file = file
    self.path = path
    self.value = value
    self.members = members
  }

  func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  /// Fails on any member not in `allowed`: a misspelt field must not be silently ignored.
  func rejectUnknownFields(allowed: [String]) throws(ScenarioError) {
    for member in members where !allowed.contains(member.key) {
      throw .unknownField(
        file: file, line: member.value.line, path: fieldPath(member.key), accepted: allowed)
    }
  }

  func optional(_ key: String) -> JSONValue? {
    guard let found = members.first(where: { $0.key == key })?.value else { return nil }
    if case .null = found.kind { return nil }
    return found
  }

  func required(_ key: String, expected: String) throws(ScenarioError) -> JSONValue {
    guard let found = optional(key) else {
      throw .missingField(file: file, line: value.line, path: fieldPath(key), expected: expected)
    }
    return found
  }

  func object(_ key: String) throws(ScenarioError) -> ObjectReader? {
    guard let found = optional(key) else { return nil }
    return try ObjectReader(found, path: fieldPath(key), file: file)
  }

  // MARK: - Typed members

  func string(_ key: String) throws(ScenarioError) -> String? {
    guard let found = optional(key) else { return nil }
    guard case .string(let text) = found.kind else {
      throw .wrongType(
        file: file, line: found.line, path: fieldPath(key), found: found.typeDescription,
        expected: "a string")
    }
    return text
  }

  func requiredString(_ key: String) throws(ScenarioError) -> String {
    guard let text = try string(key) else {
      throw .missingField(file: file, line: value.line, path: fieldPath(key), expected: "a string")
    }
    return text
  }

  func integer(_ key: String, in range: ClosedRange<Int64>) throws(ScenarioError) -> Int64? {
    guard let found = optional(key) else { return nil }
    guard case .number(let text) = found.kind else {
      throw .wrongType(
        file: file, line: found.line, path: fieldPath(key), found: found.typeDescription,
        expected: "an integer")
    }
    guard let number = Int64(text), range.contains(number) else {
      throw .invalidValue(
        file: file, line: found.line, path: fieldPath(key), value: text,
        accepted: "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
    }
    return number
  }

  func double(_ key: String, in range: ClosedRange<Double>, openLower: Bool = false)
    throws(ScenarioError) -> Double?
  {
    guard let found = optional(key) else { return nil }
    guard case .number(let text) = found.kind else {
      throw .wrongType(
        file: file, line: found.line, path: fieldPath(key), found: found.typeDescription,
        expected: "a number")
    }
    guard let number = Double(text), number.isFinite, range.contains(number),
      !(openLower && number == range.lowerBound)
    else {
      let lower = openLower ? "above \(range.lowerBound)" : "from \(range.lowerBound)"
      throw .invalidValue(
        file: file, line: found.line, path: fieldPath(key), value: text,
        accepted: "expected a number \(lower) up to \(range.upperBound)")
    }
    return number
  }

  func array(_ key: String) throws(ScenarioError) -> [JSONValue]? {
    guard let found = optional(key) else { return nil }
    guard case .array(let items) = found.kind else {
      throw .wrongType(
        file: file, line: found.line, path: fieldPath(key), found: found.typeDescription,
        expected: "an array")
    }
    return items
  }

  /// A duration written as a string with its unit glued on: `"10ms"`.
  func duration(_ key: String, allowZero: Bool = true) throws(ScenarioError) -> SimDuration? {
    guard let found = optional(key) else { return nil }
    let accepted =
      "write a number glued to its unit ns, us, ms or s in a string, e.g. \"10ms\" or \"1.5s\""
    guard case .string(let text) = found.kind else {
      throw .invalidValue(
        file: file, line: found.line, path: fieldPath(key), value: found.excerpt, accepted: accepted
      )
    }
    guard let duration = SimDuration(parsing: text) else {
      throw .invalidValue(
        file: file, line: found.line, path: fieldPath(key), value: "\"\(text)\"", accepted: accepted
      )
    }
    if !allowZero && duration == .zero {
      throw .invalidValue(
        file: file, line: found.line, path: fieldPath(key), value: "\"\(text)\"",
        accepted: "it must be positive")
    }
    return duration
  }

  /// A rate written with its unit: `"10MBps"` (bytes per second) or `"100Mbps"` (bits).
  func rate(_ key: String) throws(ScenarioError) -> BitRate? {
    guard let found = optional(key) else { return nil }
    let accepted =
      "write a positive number glued to bps, kbps, Mbps, Gbps (bits per second) or Bps, kBps, MBps, GBps (bytes per second) in a string, e.g. \"100Mbps\""
    guard case .string(let text) = found.kind, let rate = BitRate(parsing: text),
      rate.bitsPerSecond > 0
    else {
      throw .invalidValue(
        file: file, line: found.line, path: fieldPath(key), value: found.excerpt, accepted: accepted
      )
    }
    return rate
  }

  /// A byte count: a whole number, or a string with a unit (`"1.5MB"`, `"64KiB"`).
  func byteCount(_ key: String) throws(ScenarioError) -> ByteCount? {
    guard let found = optional(key) else { return nil }
    let accepted =
      "write a whole number of bytes, or a string such as \"1.5MB\" or \"64KiB\" (B, kB, MB, GB, KiB, MiB, GiB)"
    switch found.kind {
    case .number(let text):
      guard let bytes = Int64(text), bytes >= 0 else {
        throw .invalidValue(
          file: file, line: found.line, path: fieldPath(key), value: text, accepted: accepted)
      }
      return ByteCount(bytes: bytes)
    case .string(let text):
      guard let size = ByteCount(parsing: text) else {
        throw .invalidValue(
          file: file, line: found.line, path: fieldPath(key), value: "\"\(text)\"",
          accepted: accepted)
      }
      return size
    default:
      throw .invalidValue(
        file: file, line: found.line, path: fieldPath(key), value: found.excerpt, accepted: accepted
      )
    }
  }

  /// A string that must be one of `choices`.
  func choice(_ key: String, from choices: [String]) throws(ScenarioError) -> String? {
    guard let text = try string(key) else { return nil }
    guard choices.contains(text) else {
      throw .invalidValue(
        file: file, line: optional(key)!.line, path: fieldPath(key), value: "\"\(text)\"",
        accepted: "expected one of: \(choices.joined(separator: ", "))")
    }
    return text
  }
}
