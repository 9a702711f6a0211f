// Reading `<node>` elements: ids, labels, coordinates, and the unique names nodes get.

extension GraphMLImporter {
  /// Reads every `<node>` of `graph` in document order.
  /// - Throws: `GraphMLError` on a missing or repeated id or an unreadable coordinate.
  mutating func readNodes(
    of graph: XMLReader.Element, in document: XMLReader.Document, keys: GraphMLKeyTable
  ) throws(GraphMLError) -> [ImportedNode] {
    var nodes: [ImportedNode] = []
    var lineByID: [String: Int] = [:]  // only looked up
    for element in document.children(named: "node", of: graph) {
      guard let id = element.attribute("id") else {
        throw .missingAttribute(
          file: fileName, line: element.line, element: "node", attribute: "id")
      }
      if let firstLine = lineByID[id] {
        throw .duplicateID(
          file: fileName, line: element.line, element: "node", id: id, firstLine: firstLine)
      }
      lineByID[id] = element.line
      let values = try keys.values(of: element, in: document)
      let label = keys.value("label", for: "node", in: values).flatMap { $0.isEmpty ? nil : $0 }
      var node = ImportedNode(id: id, line: element.line, label: label)
      let shownName = label.map { "node `\(id)` (\($0))" } ?? "node `\(id)`"
      let latitude = keys.value("Latitude", for: "node", in: values)
      let longitude = keys.value("Longitude", for: "node", in: values)
      switch (latitude, longitude) {
      case (let latitude?, let longitude?):
        node.coordinate = GeoCoordinate(
          latitude: try degrees(latitude, field: "Latitude", limit: 90, line: element.line),
          longitude: try degrees(longitude, field: "Longitude", limit: 180, line: element.line))
      case (nil, nil):
        warn(
          line: element.line,
          "\(shownName) has no Latitude/Longitude; its links get the default latency \(options.defaultLatency)"
        )
      default:
        let missing = latitude == nil ? "Latitude" : "Longitude"
        warn(
          line: element.line,
          "\(shownName) has no \(missing); its links get the default latency \(options.defaultLatency)"
        )
      }
      if !document.children(named: "graph", of: element).isEmpty {
        warn(line: element.line, "the nested <graph> inside \(shownName) is ignored")
      }
      nodes.append(node)
    }
    if nodes.isEmpty { warn(line: graph.line, "the graph has no nodes") }
    return nodes
  }

  /// `text` as degrees in [-limit, limit].
  private func degrees(_ text: String, field: String, limit: Double, line: Int)
    throws(GraphMLError) -> Double
  {
    guard let value = Double(text), value.isFinite, abs(value) <= limit else {
      throw .invalidValue(
        file: fileName, line: line, field: field,
        expected: "a number of degrees in [-\(Int(limit)), \(Int(limit))]", found: text)
    }
    return value
  }

  /// Gives every node a unique name: its label (or id), and for the second and later nodes
  /// with the same one, `Name-k` with the lowest k ≥ 2 that neither a label nor an earlier
  /// node uses, so that no later node's own label is taken.
  ///
  /// - Complexity: O(n) set operations for n nodes. Every k skipped for a base name stays
  ///   taken (names are only ever added), so the search for the next duplicate of the same base
  ///   resumes where the last one stopped instead of at 2; and each label of the form `Base-k`
  ///   is skipped at most once, as it has only one base.
  mutating func assignNames(to nodes: inout [ImportedNode]) {
    var isLabel: Set<String> = []  // membership only
    for node in nodes { isLabel.insert(node.label ?? node.id) }
    var firstWith: [String: String] = [:]  // base name → id of its first node; only looked up
    var nextSuffix: [String: Int] = [:]  // base name → the lowest k not yet tried; only looked up
    var isUsed: Set<String> = []
    for index in nodes.indices {
      let base = nodes[index].label ?? nodes[index].id
      var name = base
      if let firstID = firstWith[base] {
        var suffix = nextSuffix[base] ?? 2
        while isLabel.contains("\(base)-\(suffix)") || isUsed.contains("\(base)-\(suffix)") {
          suffix += 1
        }
        nextSuffix[base] = suffix + 1
        name = "\(base)-\(suffix)"
        warn(
          line: nodes[index].line,
          "node `\(nodes[index].id)` repeats the name `\(base)` of node `\(firstID)`; named it `\(name)`"
        )
      } else {
        firstWith[base] = nodes[index].id
      }
      isUsed.insert(name)
      nodes[index].name = name
    }
  }
}
