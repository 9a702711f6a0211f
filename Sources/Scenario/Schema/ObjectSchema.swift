/// The table of one kind of object in a scenario: its dotted path, a sentence on what it is, and
/// one row per field.
///
/// The rows are the only list of the object's fields: unknown-field errors list them, the README's
/// field tables are rendered from them (a test keeps the README in step), and a reader refuses to
/// read a field its schema does not name.
struct ObjectSchema: Sendable {
  /// The dotted path of the object in a scenario, `[]` standing for any list index:
  /// `workload.chain`, `topology.links[]`.
  let path: String
  /// What the object is, and when it applies.
  let summary: String
  /// The fields, in the order the docs list them.
  let rows: [FieldRow]

  /// The field names, in table order.
  var fieldNames: [String] { rows.map(\.name) }

  /// True when the table has a field called `name`.
  func hasField(_ name: String) -> Bool { rows.contains { $0.name == name } }
}
