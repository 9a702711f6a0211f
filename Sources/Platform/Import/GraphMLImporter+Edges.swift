import SimCore

// Reading `<edge>` elements: endpoints, link speeds, self-loops and parallel edges.

extension GraphMLImporter {
  /// The multipliers of the Zoo's `LinkSpeedUnits` letters, in bits per second.
  static let linkSpeedUnits: [(unit: String, bitsPerSecond: Double)] = [
    ("K", 1e3), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12),
  ]

  /// Reads every `<edge>` of `graph` in document order and merges parallel ones.
  /// - Throws: `GraphMLError` on a missing endpoint attribute, an unknown node id or an
  ///   unreadable link speed.
  mutating func readLinks(
    of graph: XMLReader.Element, in document: XMLReader.Document, keys: GraphMLKeyTable,
    nodes: [ImportedNode]
  ) throws(GraphMLError) -> [ImportedLink] {
    var indexByID: [String: Int] = [:]  // only looked up
    for (index, node) in nodes.enumerated() { indexByID[node.id] = index }
    var links: [ImportedLink] = []
    var linkByPair: [Int: Int] = [:]  // (low × N + high) → position in `links`; only looked up
    var defaultedEdges = 0
    var edgeCount = 0
    for element in document.children(named: "edge", of: graph) {
      var endpoints: [Int] = []
      for attribute in ["source", "target"] {
        guard let id = element.attribute(attribute) else {
          throw .missingAttribute(
            file: fileName, line: element.line, element: "edge", attribute: attribute)
        }
        guard let index = indexByID[id] else {
          throw .unknownNode(file: fileName, line: element.line, id: id)
        }
        endpoints.append(index)
      }
      let (a, b) = (endpoints[0], endpoints[1])
      if a == b {
        warn(line: element.line, "self-loop on node `\(nodes[a].id)` skipped")
        continue
      }
      edgeCount += 1
      let given = try bandwidth(of: element, in: document, keys: keys)
      if given == nil { defaultedEdges += 1 }
      let bandwidth = given ?? options.defaultBandwidth
      let pair = min(a, b) * nodes.count + max(a, b)
      guard let existing = linkByPair[pair] else {
        linkByPair[pair] = links.count
        links.append(ImportedLink(a: a, b: b, line: element.line, bandwidth: bandwidth))
        continue
      }
      let shown = "edge `\(nodes[a].name)`–`\(nodes[b].name)`"
      let firstLine = links[existing].line
      switch options.parallelEdges {
      case .sumBandwidths:
        let (sum, overflow) = links[existing].bandwidth.bitsPerSecond.addingReportingOverflow(
          bandwidth.bitsPerSecond)
        guard !overflow else {
          throw .invalidValue(
            file: fileName, line: element.line, field: "summed link speed",
            expected: "a total below 2^63 bps", found: "overflow")
        }
        links[existing].bandwidth = BitRate(bitsPerSecond: sum)
        warn(
          line: element.line,
          "\(shown) parallels the edge on line \(firstLine); merged into one link of \(Self.describe(links[existing].bandwidth))"
        )
      case .keepFirst:
        warn(line: element.line, "\(shown) parallels the edge on line \(firstLine); dropped")
      }
    }
    if defaultedEdges > 0 {
      warn(
        line: graph.line,
        "\(defaultedEdges) of \(edgeCount) edges give no link speed; they get the default bandwidth \(Self.describe(options.defaultBandwidth))"
      )
    }
    return links
  }

  /// The bandwidth an edge declares: `LinkSpeedRaw` in bits per second, else `LinkSpeed` ×
  /// `LinkSpeedUnits`, rounded to the nearest bit per second; nil when it declares none.
  /// A `LinkSpeed` without units is reported and ignored.
  /// - Throws: `GraphMLError.invalidValue` when a speed is not a positive number or the unit is
  ///   unknown.
  private mutating func bandwidth(
    of element: XMLReader.Element, in document: XMLReader.Document, keys: GraphMLKeyTable
  ) throws(GraphMLError) -> BitRate? {
    let values = try keys.values(of: element, in: document)
    if let raw = keys.value("LinkSpeedRaw", for: "edge", in: values) {
      return try bitRate(Double(raw), field: "LinkSpeedRaw", text: raw, line: element.line)
    }
    guard let speed = keys.value("LinkSpeed", for: "edge", in: values) else { return nil }
    guard let unit = keys.value("LinkSpeedUnits", for: "edge", in: values) else {
      warn(line: element.line, "LinkSpeed `\(speed)` has no LinkSpeedUnits; ignored")
      return nil
    }
    guard let scale = Self.linkSpeedUnits.first(where: { $0.unit == unit })?.bitsPerSecond else {
      throw .invalidValue(
        file: fileName, line: element.line, field: "LinkSpeedUnits",
        expected: "one of K, M, G, T", found: unit)
    }
    return try bitRate(
      Double(speed).map { $0 * scale }, field: "LinkSpeed", text: speed, line: element.line)
  }

  /// `bitsPerSecond` rounded to a whole, positive `BitRate`.
  private func bitRate(_ bitsPerSecond: Double?, field: String, text: String, line: Int)
    throws(GraphMLError) -> BitRate
  {
    guard let bitsPerSecond, bitsPerSecond.isFinite, bitsPerSecond.rounded() >= 1,
      bitsPerSecond.rounded() < 9.2e18
    else {
      throw .invalidValue(
        file: fileName, line: line, field: field,
        expected: "a positive number of bits per second (at least 1 bps)", found: text)
    }
    return BitRate(bitsPerSecond: Int64(bitsPerSecond.rounded()))
  }
}
