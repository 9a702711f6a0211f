import Traces

extension ObjectReader {
  /// The ids `values` (the array under this object's `field`) name, each a string that `lookup`
  /// resolves and none twice; an error names the exact element (`field[i]`).
  /// - Complexity: O(n) lookups for n values.
  func distinctIDs<ID: Hashable>(
    _ values: [JSONValue], under field: String, kind: String, lookup: (String) -> ID?
  ) throws(ScenarioError) -> [ID] {
    var found: [ID] = []
    var seen = Set<ID>()
    for (i, value) in values.enumerated() {
      let path = fieldPath("\(field)[\(i)]")
      guard case .string(let name) = value.kind else {
        throw .wrongType(
          file: file, line: value.line, path: path, found: value.typeDescription,
          expected: "a \(kind) id")
      }
      guard let id = lookup(name) else {
        throw .unknownReference(file: file, line: value.line, path: path, name: name, kind: kind)
      }
      if !seen.insert(id).inserted {
        throw .duplicateID(file: file, line: value.line, path: path, id: name)
      }
      found.append(id)
    }
    return found
  }
}
