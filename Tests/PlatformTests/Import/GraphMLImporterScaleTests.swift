import Platform
import Testing

/// Inputs shaped to find super-linear costs and deep recursion in the importer (issue #9).
/// Time bounds are generous (debug build, tests running in parallel on two cores); the quadratic
/// versions they guard against took minutes or crashed.
struct GraphMLImporterScaleTests {
  private static func importing(_ text: String) throws(GraphMLError) -> (
    topology: Topology, warnings: [String]
  ) {
    try GraphMLImporter.importTopology(from: text, fileName: "t.graphml")
  }

  /// Seconds elapsed while running `body`.
  private static func seconds(_ body: () throws -> Void) rethrows -> Double {
    let elapsed = try ContinuousClock().measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
  }

  @Test func deeplyNestedGraphMLIsFreedWithoutRecursion() throws {
    // A node carries 50,000 nested unknown elements, which the importer ignores. A tree of
    // nested values overflowed the call stack when it was freed at the end of the import; the
    // flat document frees one array.
    let depth = 50_000
    let nested =
      String(repeating: "<y:n>", count: depth) + String(repeating: "</y:n>", count: depth)
    let text = """
      <graphml>
        <graph>
          <node id="a">\(nested)</node>
          <node id="b"/>
          <edge source="a" target="b"/>
        </graph>
      </graphml>
      """
    var nodeNames: [String] = []
    let elapsed = try Self.seconds {
      nodeNames = try Self.importing(text).topology.nodes.map(\.name)
    }
    #expect(nodeNames == ["a", "b"])
    #expect(elapsed < 10, "took \(elapsed) s")
  }

  @Test func duplicateLabelsAreRenamedInLinearTime() throws {
    // 30,000 nodes labelled `Rome`, and one labelled `Rome-5` after them. Duplicate i (the node
    // with id i ≥ 1) takes the lowest free k ≥ 2, skipping 5 (a label): ids 1–3 get Rome-2…4,
    // ids 4… get Rome-(i + 2). Restarting the search at k = 2 for every duplicate made this
    // 4.5·10⁸ probes.
    let count = 30_000
    var lines = ["<graphml>", "<key id='l' for='node' attr.name='label'/>", "<graph>"]
    for id in 0..<count { lines.append("<node id='\(id)'><data key='l'>Rome</data></node>") }
    lines.append("<node id='last'><data key='l'>Rome-5</data></node>")
    lines += ["</graph>", "</graphml>"]
    let text = lines.joined(separator: "\n")
    var names: [String] = []
    var warningCount = 0
    let elapsed = try Self.seconds {
      let (topology, warnings) = try Self.importing(text)
      names = topology.nodes.map(\.name)
      warningCount = warnings.count
    }
    #expect(names.count == count + 1)
    #expect(Array(names.prefix(6)) == ["Rome", "Rome-2", "Rome-3", "Rome-4", "Rome-6", "Rome-7"])
    // The last duplicate, id 29,999, is Rome-30,001; then the node labelled Rome-5.
    #expect(Array(names.suffix(2)) == ["Rome-30001", "Rome-5"])
    #expect(Set(names).count == count + 1)
    // One warning per duplicate (29,999) and one per node without coordinates (30,001).
    #expect(warningCount == (count - 1) + (count + 1))
    #expect(elapsed < 10, "took \(elapsed) s")
  }

  @Test func collidingLinkNamesTakeTheNextFreeSuffix() throws {
    // `a-b-c-d` splits three ways into two node names; a fourth link is literally named
    // `a-b-c-d#2` (nodes `a-b-c` and `d#2`) and comes first, so the duplicates skip #2.
    let text = """
      <graphml>
        <graph>
          <node id="a"/><node id="a-b"/><node id="a-b-c"/>
          <node id="b-c-d"/><node id="c-d"/><node id="d"/><node id="d#2"/>
          <edge source="a-b-c" target="d#2"/>
          <edge source="a" target="b-c-d"/>
          <edge source="a-b" target="c-d"/>
          <edge source="a-b-c" target="d"/>
        </graph>
      </graphml>
      """
    let (topology, warnings) = try Self.importing(text)
    #expect(
      topology.links.map(\.name) == ["a-b-c-d#2", "a-b-c-d", "a-b-c-d#3", "a-b-c-d#4"])
    #expect(
      warnings.contains(
        "`t.graphml:7`: link name `a-b-c-d` is already taken; named this link `a-b-c-d#3`"))
  }

  @Test func manyKeysAndManyNodesImportInLinearTime() throws {
    // 20,000 keys, of which `label` is the last: a lookup that scanned the keys for every node
    // and attribute cost 3 × 20,000 × 20,000 = 1.2·10⁹ comparisons.
    let count = 20_000
    var lines = ["<graphml>"]
    for id in 0..<count { lines.append("<key id='k\(id)' for='edge' attr.name='x\(id)'/>") }
    lines += ["<key id='l' for='all' attr.name='label'/>", "<graph>"]
    for id in 0..<count { lines.append("<node id='\(id)'><data key='l'>n\(id)</data></node>") }
    lines += ["</graph>", "</graphml>"]
    let text = lines.joined(separator: "\n")
    var names: [String] = []
    let elapsed = try Self.seconds { names = try Self.importing(text).topology.nodes.map(\.name) }
    #expect(names == (0..<count).map { "n\($0)" })
    #expect(elapsed < 10, "took \(elapsed) s")
  }
}
