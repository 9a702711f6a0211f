import SimCore

/// Imports an Internet Topology Zoo GraphML file (Knight et al., "The Internet Topology Zoo",
/// IEEE JSAC 29(9), 2011) as a `Topology` of routers joined by core links.
///
/// **What is read.** The `<key>` declarations (attribute names are resolved through them, as ids
/// differ from file to file); the first `<graph>`; each `<node>` with its `label`, `Latitude` and
/// `Longitude`; each `<edge>` with `LinkSpeedRaw` (bits per second) or else `LinkSpeed` ×
/// `LinkSpeedUnits` (`K`, `M`, `G`, `T`). Everything else (`Country`, `Internal`, `LinkLabel`,
/// graph-level data) is ignored. The XML is read by our own `XMLReader`.
///
/// **How it maps.**
/// - Nodes keep document order. A node is named by its label, or by its id when it has none;
///   a repeated name becomes `Name-2`, `Name-3`, … (the lowest suffix no node uses) with a
///   warning. Nodes take `options.roles` (router by default) or `options.roleOverrides[name]`.
/// - Latency is the great-circle (haversine, R = 6,371 km) distance between the endpoints at two
///   thirds of the speed of light, 2/3 × 299,792.458 ≈ 199,861.6 km/s (`PropagationDelay`),
///   rounded to the nearest nanosecond. A node without both coordinates is reported in a
///   warning and kept; its links get `options.defaultLatency`.
/// - Bandwidth, the same in both directions, comes from the edge when given, else
///   `options.defaultBandwidth` (one summary warning counts such edges).
/// - Parallel edges between the same pair are merged into one link, by `options.parallelEdges`
///   (bandwidths summed by default), with a warning each. Self-loops are skipped with a warning.
/// - Links are named `A-B` after their endpoints' names, in the order of their first edge, with
///   `a` the first edge's source; a name already taken gets `#2`, `#3`, … and a warning. All
///   links take `options.linkClass` (`core`).
///
/// Warnings are texts like "`Geant2012.graphml:157`: node `10` (UA) has no Latitude/Longitude;
/// its links get the default latency 0.001s", in document order.
///
/// ```swift
/// let (topology, warnings) = try GraphMLImporter.importTopology(
///   from: text, fileName: "Abilene.graphml", options: GraphMLImportOptions())
/// ```
public struct GraphMLImporter {
  /// The file name messages name.
  let fileName: String
  /// The options in force.
  let options: GraphMLImportOptions
  /// The warnings so far, in the order they arose.
  var warnings: [String] = []

  /// A node as read from the file.
  struct ImportedNode {
    var id: String
    var line: Int
    var label: String?
    var coordinate: GeoCoordinate?
    /// The unique name it gets in the topology.
    var name = ""
  }

  /// A link: one edge, or several parallel edges merged.
  struct ImportedLink {
    /// Indices into the node list, in the first edge's source, target order.
    var a: Int
    var b: Int
    var line: Int
    var bandwidth: BitRate
  }

  /// Imports the GraphML document `text`, naming `fileName` in errors and warnings.
  ///
  /// - Returns: the topology and the warnings (nodes without coordinates, renamed duplicates,
  ///   merged parallel edges, skipped self-loops, defaulted bandwidths), in document order.
  /// - Throws: `GraphMLError` when the text is not well-formed XML, not GraphML, references an
  ///   undeclared node or key, holds an unreadable value, or an option is out of range.
  /// - Complexity: O(text length) time and memory, expected (names are hashed). Nesting depth
  ///   costs no call stack: the XML is parsed and freed without recursion.
  public static func importTopology(
    from text: String, fileName: String, options: GraphMLImportOptions = GraphMLImportOptions()
  ) throws(GraphMLError) -> (topology: Topology, warnings: [String]) {
    try options.validate(fileName: fileName)
    var importer = GraphMLImporter(fileName: fileName, options: options)
    let topology = try importer.makeTopology(from: text)
    return (topology, importer.warnings)
  }

  private init(fileName: String, options: GraphMLImportOptions) {
    self.fileName = fileName
    self.options = options
  }

  /// Parses, reads and assembles.
  private mutating func makeTopology(from text: String) throws(GraphMLError) -> Topology {
    let document = try XMLReader.parse(text, fileName: fileName)
    let root = document.root
    guard root.localName == "graphml" else {
      throw .notGraphML(
        file: fileName, line: root.line, expected: "a <graphml> root element",
        found: "<\(root.name)>")
    }
    let keys = try GraphMLKeyTable(document: document, fileName: fileName)
    let graphs = document.children(named: "graph", of: root)
    guard let graph = graphs.first else {
      throw .notGraphML(
        file: fileName, line: root.line, expected: "a <graph> element inside <graphml>",
        found: "none")
    }
    if graphs.count > 1 {
      warn(
        line: graphs[1].line, "only the first <graph> is imported; \(graphs.count - 1) more ignored"
      )
    }
    if graph.attribute("edgedefault") == "directed" {
      warn(line: graph.line, "the graph is directed; every edge becomes a full-duplex link")
    }
    for hyperedge in document.children(named: "hyperedge", of: graph) {
      warn(line: hyperedge.line, "<hyperedge> is not supported; skipped")
    }

    var nodes = try readNodes(of: graph, in: document, keys: keys)
    assignNames(to: &nodes)
    let links = try readLinks(of: graph, in: document, keys: keys, nodes: nodes)
    return try assemble(nodes: nodes, links: links)
  }

  /// Builds the topology from the read nodes and links.
  private mutating func assemble(nodes: [ImportedNode], links: [ImportedLink]) throws(GraphMLError)
    -> Topology
  {
    var nameIsTaken: Set<String> = []  // membership only
    for node in nodes { nameIsTaken.insert(node.name) }
    for name in options.roleOverrides.keys.sorted() where !nameIsTaken.contains(name) {
      throw .invalidOption(
        file: fileName, option: "roleOverrides", expected: "names of nodes in the file",
        found: "`\(name)`, which no node is called")
    }

    var topology = Topology()
    let ids = nodes.map { node in
      topology.addNode(
        name: node.name, roles: options.roleOverrides[node.name] ?? options.roles,
        profile: options.profile, cores: options.cores)
    }
    var linkNameIsTaken: Set<String> = []
    // Base name → the next `#k` to try. Names are only ever added, so every k below it is still
    // taken and the search resumes there: O(L) probes in all, not O(L²).
    var nextSuffix: [String: Int] = [:]  // only looked up
    for link in links {
      let (a, b) = (nodes[link.a], nodes[link.b])
      let base = "\(a.name)-\(b.name)"
      var name = base
      if linkNameIsTaken.contains(base) {
        var suffix = nextSuffix[base] ?? 2
        while linkNameIsTaken.contains("\(base)#\(suffix)") { suffix += 1 }
        nextSuffix[base] = suffix + 1
        name = "\(base)#\(suffix)"
      }
      if name != base {
        warn(line: link.line, "link name `\(base)` is already taken; named this link `\(name)`")
      }
      linkNameIsTaken.insert(name)
      topology.addLink(
        name: name, between: ids[link.a], and: ids[link.b], latency: latency(between: a, and: b),
        bandwidth: link.bandwidth, linkClass: options.linkClass)
    }
    return topology
  }

  /// The fibre latency between two nodes' coordinates, or the default when one lacks them.
  func latency(between a: ImportedNode, and b: ImportedNode) -> SimDuration {
    guard let from = a.coordinate, let to = b.coordinate else { return options.defaultLatency }
    return PropagationDelay.latency(overKilometres: from.greatCircleDistanceKilometres(to: to))
  }

  /// `rate` in the largest bit unit that divides it exactly (`2Gbps`, `155Mbps`): link speeds
  /// are quoted in bits, whereas `BitRate.description` prefers byte units when they divide.
  static func describe(_ rate: BitRate) -> String {
    let bps = rate.bitsPerSecond
    for (scale, unit) in [(Int64(1_000_000_000), "Gbps"), (1_000_000, "Mbps"), (1_000, "kbps")]
    where bps % scale == 0 && bps >= scale {
      return "\(bps / scale)\(unit)"
    }
    return "\(bps)bps"
  }

  /// Records a warning about `line` of the file.
  mutating func warn(line: Int, _ message: String) {
    warnings.append("`\(fileName):\(line)`: \(message)")
  }
}
