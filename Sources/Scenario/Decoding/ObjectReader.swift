import SimCore
import Traces

/// Reads the members of one JSON object against its schema, with the file and field path at
/// hand, so every failure becomes a one-line `ScenarioError` that says exactly where and what.
///
/// Making a reader checks the object as a whole: it must be an object, and every key must be a
/// field of the schema (a misspelt field must not be silently ignored). A repeated key never
/// gets here: `JSONParser` refuses it as a syntax error.
struct ObjectReader {
  let file: String
  /// The dotted path of the object, empty for the top level.
  let path: String
  let value: JSONValue
  let schema: ObjectSchema
  /// The object's members in file order.
  let members: [(key: String, value: JSONValue)]

  /// A reader over `value`, which must be an object whose keys are fields of `schema`.
  init(_ value: JSONValue, schema: ObjectSchema, path: String, file: String)
    throws(ScenarioError)
  {
    self.members = try Self.members(of: value, path: path, file: file)
    self.file = file
    self.path = path
    self.value = value
    self.schema = schema
    for member in members where !schema.hasField(member.key) {
      throw .unknownField(
        file: file, line: member.value.line, path: fieldPath(member.key),
        accepted: schema.fieldNames)
    }
  }

  /// The members of `value`, which must be an object.
  static func members(of value: JSONValue, path: String, file: String) throws(ScenarioError)
    -> [(key: String, value: JSONValue)]
  {
    guard case .object(let members) = value.kind else {
      throw .wrongType(
        file: file, line: value.line, path: path, found: value.typeDescription,
        expected: "an object")
    }
    return members
  }

  /// The value of `field` in the object `value` before its schema is known: the field that
  /// chooses the schema (a `kind`, say).
  static func discriminator<Value>(
    _ field: Field<Value>, in value: JSONValue, path: String, file: String
  ) throws(ScenarioError) -> Value? {
    let members = try Self.members(of: value, path: path, file: file)
    guard let found = members.first(where: { $0.key == field.name })?.value else {
      return field.defaultValue
    }
    if case .null = found.kind { return field.defaultValue }
    let place = FieldPlace(file: file, path: path.isEmpty ? field.name : "\(path).\(field.name)")
    return try field.parse(found, place)
  }

  func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  /// The raw value of member `key`, nil when absent or `null`.
  func member(_ key: String) -> JSONValue? {
    guard let found = members.first(where: { $0.key == key })?.value else { return nil }
    if case .null = found.kind { return nil }
    return found
  }

  /// True when the object gives `field` a value.
  func has<Value>(_ field: Field<Value>) -> Bool { member(checked(field)) != nil }

  /// The line of `field`'s value, or of the object when the field is absent.
  func line<Value>(of field: Field<Value>) -> Int { member(checked(field))?.line ?? value.line }

  /// The dotted path of `field`.
  func path<Value>(of field: Field<Value>) -> String { fieldPath(checked(field)) }

  /// The value of `field` when the object gives one, else nil.
  func read<Value>(_ field: Field<Value>) throws(ScenarioError) -> Value? {
    guard let found = member(checked(field)) else { return nil }
    return try field.parse(found, FieldPlace(file: file, path: fieldPath(field.name)))
  }

  /// The value of `field`, its default when absent, or a missing-field error when it has none.
  func value<Value>(_ field: Field<Value>) throws(ScenarioError) -> Value {
    if let found = try read(field) { return found }
    guard let fallback = field.defaultValue else {
      throw .missingField(
        file: file, line: value.line, path: fieldPath(field.name), expected: field.accepts)
    }
    return fallback
  }

  /// A reader for the object under `field`, read against `schema`, or nil when absent.
  func object(_ field: Field<JSONValue>, schema: ObjectSchema) throws(ScenarioError)
    -> ObjectReader?
  {
    guard let found = try read(field) else { return nil }
    return try ObjectReader(found, schema: schema, path: fieldPath(field.name), file: file)
  }

  /// The items of the array under `field`, or nil when absent.
  func array(_ field: Field<JSONValue>) throws(ScenarioError) -> [JSONValue]? {
    guard let found = try read(field) else { return nil }
    guard case .array(let items) = found.kind else {
      throw .wrongType(
        file: file, line: found.line, path: fieldPath(field.name), found: found.typeDescription,
        expected: field.accepts)
    }
    return items
  }

  /// An error for `field`'s value (or the object, when absent) breaking a rule between fields.
  func violation<Value>(_ field: Field<Value>, value shown: String, accepted: String)
    -> ScenarioError
  {
    .invalidValue(
      file: file, line: line(of: field), path: path(of: field), value: shown, accepted: accepted)
  }

  /// `field`'s name, after checking that this reader's schema lists it: reading a field that is
  /// not in the table is a programming error, caught by every test that decodes the object.
  private func checked<Value>(_ field: Field<Value>) -> String {
    precondition(
      schema.hasField(field.name), "ObjectReader: \(field.name) is not in \(schema.path)'s table")
    return field.name
  }
}
