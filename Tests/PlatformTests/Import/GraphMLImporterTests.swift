import Foundation
import Platform
import SimCore
import Testing

struct GraphMLImporterTests {
  /// A small GraphML document in the Zoo's shape: keys declared with ids that differ from the
  /// Zoo's, three nodes (one without coordinates, one label written with references) and edges.
  static let small = """
    <?xml version="1.0" encoding="utf-8"?>
    <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
      <key attr.name="label" attr.type="string" for="node" id="k0"/>
      <key attr.name="Latitude" attr.type="double" for="node" id="k1"/>
      <key attr.name="Longitude" attr.type="double" for="node" id="k2"/>
      <key attr.name="LinkSpeed" attr.type="string" for="edge" id="k3"/>
      <key attr.name="LinkSpeedUnits" attr.type="string" for="edge" id="k4"/>
      <key attr.name="LinkSpeedRaw" attr.type="double" for="edge" id="k5"/>
      <graph edgedefault="undirected">
        <node id="a"><data key="k0">North</data><data key="k1">0</data><data key="k2">0</data></node>
        <node id="b"><data key="k0">S&amp;uth</data><data key="k1">-1</data><data key="k2">0</data></node>
        <node id="c"><data key="k0"><![CDATA[Hub]]></data></node>
        <edge source="a" target="b"><data key="k3">2.5</data><data key="k4">G</data></edge>
        <edge source="b" target="c"><data key="k5">155000000.0</data></edge>
        <edge source="c" target="a"/>
      </graph>
    </graphml>
    """

  private static func importing(
    _ text: String, options: GraphMLImportOptions = GraphMLImportOptions()
  )
    throws(GraphMLError) -> (topology: Topology, warnings: [String])
  {
    try GraphMLImporter.importTopology(from: text, fileName: "t.graphml", options: options)
  }

  @Test func smallDocumentImportsNodesLinksSpeedsAndLatencies() throws {
    let (topology, warnings) = try Self.importing(Self.small)
    #expect(topology.nodes.map(\.name) == ["North", "S&uth", "Hub"])
    #expect(topology.links.map(\.name) == ["North-S&uth", "S&uth-Hub", "Hub-North"])
    // LinkSpeed 2.5 × G = 2.5·10⁹ bps; LinkSpeedRaw 155000000.0 bps; no speed → default 1 Gbps.
    #expect(
      topology.links.map(\.bandwidthAToB.bitsPerSecond) == [
        2_500_000_000, 155_000_000, 1_000_000_000,
      ])
    // One degree of latitude on a 6,371 km sphere: 6371·π/180 = 111.19492664 km; at
    // 199,861.63867 km/s that is 556,359.9 µs·10⁻³ → 556,360 ns (python: 556359.90…).
    #expect(topology.links[0].latency == .nanoseconds(556_360))
    // Hub has no coordinates: its links get the default 1 ms.
    #expect(topology.links[1].latency == .milliseconds(1))
    #expect(topology.links[2].latency == .milliseconds(1))
    #expect(
      warnings == [
        "`t.graphml:12`: node `c` (Hub) has no Latitude/Longitude; its links get the default latency 0.001s",
        "`t.graphml:9`: 1 of 3 edges give no link speed; they get the default bandwidth 1Gbps",
      ])
  }

  @Test func importIsDeterministic() throws {
    let first = try Self.importing(Self.small)
    let second = try Self.importing(Self.small)
    #expect(first.topology.nodes == second.topology.nodes)
    #expect(first.topology.links == second.topology.links)
    #expect(first.warnings == second.warnings)
  }

  @Test func everyTruncationFailsCleanlyOrParses() throws {
    // Any prefix of the bytes, cut even inside a UTF-8 sequence or an entity, must give a
    // `GraphMLError` or a topology, never a trap. Every prefix that stops before the final
    // `</graphml>` is complete leaves the root open, so it must be an error.
    let bytes = Array(Self.small.utf8)
    let rootClosed = bytes.count  // the document ends right after `</graphml>`
    var errors = 0
    for length in 0...bytes.count {
      let text = String(decoding: bytes[0..<length], as: UTF8.self)
      do {
        _ = try Self.importing(text)
        #expect(length == rootClosed, "prefix of \(length) bytes parsed")
      } catch {
        #expect(length < rootClosed, "full document failed: \(error)")
        errors += 1
      }
    }
    #expect(errors == bytes.count)
  }

  @Test func everySingleByteCorruptionFailsCleanlyOrParses() {
    // Replacing any one byte with a markup character or an invalid UTF-8 byte must give a
    // `GraphMLError` or a topology, never a trap (a trap fails the whole test run). Replacing
    // the `<` that opens the root with `&` must be an error, so the loop is seen to run.
    let bytes = Array(Self.small.utf8)
    let replacements: [UInt8] = Array("<&".utf8) + [0xFF]
    var errors = 0
    for position in bytes.indices {
      for replacement in replacements where bytes[position] != replacement {
        var corrupted = bytes
        corrupted[position] = replacement
        do {
          _ = try Self.importing(String(decoding: corrupted, as: UTF8.self))
        } catch {
          errors += 1
        }
      }
    }
    #expect(errors > bytes.count)
  }

  @Test func truncatedZooFileNamesTheUnclosedElement() throws {
    let text = try ZooFixture.text(of: "Abilene.graphml")
    // Cut right after the first `<node id="0">` (line 69): the node, graph and graphml stay open.
    let cut = try #require(text.range(of: "<node id=\"0\">"))
    #expect(
      throws: GraphMLError.malformedXML(
        file: "Abilene.graphml", line: 69,
        expected: "`</node>` closing the element opened on line 69", found: "end of file")
    ) {
      try GraphMLImporter.importTopology(
        from: String(text[..<cut.upperBound]), fileName: "Abilene.graphml")
    }
  }

  @Test func edgeToUnknownNodeIsAnErrorNamingIt() {
    let text = Self.small.replacingOccurrences(of: "target=\"a\"/>", with: "target=\"n99\"/>")
    let error = GraphMLError.unknownNode(file: "t.graphml", line: 15, id: "n99")
    #expect(throws: error) { try Self.importing(text) }
    #expect(
      error.description == "`t.graphml:15`: edge names unknown node `n99`; declare it as a <node>")
  }

  @Test func notGraphMLIsRejected() {
    #expect(
      throws: GraphMLError.notGraphML(
        file: "t.graphml", line: 1, expected: "a <graphml> root element", found: "<html>")
    ) {
      try Self.importing("<html><body>hi</body></html>")
    }
    #expect(
      throws: GraphMLError.notGraphML(
        file: "t.graphml", line: 1, expected: "a <graph> element inside <graphml>", found: "none")
    ) {
      try Self.importing("<graphml><key id='d0'/></graphml>")
    }
    #expect(
      throws: GraphMLError.malformedXML(
        file: "t.graphml", line: 1, expected: "`<`",
        found: "text `node a -- node b` outside the root element")
    ) {
      try Self.importing("node a -- node b")
    }
  }

  @Test func structuralMistakesAreTypedErrors() {
    func document(_ body: String) -> String {
      // Lines 1–6 are the header below, so `body` starts on line 7.
      """
      <graphml>
      <key id='k0' for='node' attr.name='Latitude'/>
      <key id='k1' for='node' attr.name='Longitude'/>
      <key id='u' for='edge' attr.name='LinkSpeedUnits'/>
      <key id='s' for='edge' attr.name='LinkSpeed'/>
      <graph>
      \(body)
      </graph>
      </graphml>
      """
    }
    #expect(
      throws: GraphMLError.missingAttribute(
        file: "t.graphml", line: 7, element: "node", attribute: "id")
    ) {
      try Self.importing(document("<node/>"))
    }
    #expect(
      throws: GraphMLError.duplicateID(
        file: "t.graphml", line: 8, element: "node", id: "x", firstLine: 7)
    ) {
      try Self.importing(document("<node id='x'/>\n<node id='x'/>"))
    }
    #expect(throws: GraphMLError.undeclaredKey(file: "t.graphml", line: 7, key: "d9")) {
      try Self.importing(document("<node id='x'><data key='d9'>1</data></node>"))
    }
    #expect(
      throws: GraphMLError.missingAttribute(
        file: "t.graphml", line: 8, element: "edge", attribute: "target")
    ) {
      try Self.importing(document("<node id='x'/>\n<edge source='x'/>"))
    }
    #expect(
      throws: GraphMLError.invalidValue(
        file: "t.graphml", line: 7, field: "Latitude", expected: "a number of degrees in [-90, 90]",
        found: "91")
    ) {
      try Self.importing(
        document("<node id='x'><data key='k0'>91</data><data key='k1'>3</data></node>"))
    }
    #expect(
      throws: GraphMLError.invalidValue(
        file: "t.graphml", line: 9, field: "LinkSpeedUnits", expected: "one of K, M, G, T",
        found: "Q")
    ) {
      try Self.importing(
        document(
          "<node id='x'/><node id='y'/>\n\n<edge source='x' target='y'><data key='s'>1</data><data key='u'>Q</data></edge>"
        ))
    }
    #expect(
      throws: GraphMLError.invalidValue(
        file: "t.graphml", line: 7, field: "LinkSpeed",
        expected: "a positive number of bits per second (at least 1 bps)", found: "fast")
    ) {
      try Self.importing(
        document(
          "<node id='x'/><node id='y'/><edge source='x' target='y'><data key='s'>fast</data><data key='u'>M</data></edge>"
        ))
    }
  }

  @Test func selfLoopsAreSkippedAndDuplicateLabelsRenamed() throws {
    let text = """
      <graphml>
        <key id="l" for="node" attr.name="label"/>
        <graph>
          <node id="0"><data key="l">Rome</data></node>
          <node id="1"><data key="l">Rome</data></node>
          <node id="2"><data key="l">Rome-2</data></node>
          <node id="3"/>
          <edge source="0" target="0"/>
          <edge source="0" target="1"/>
          <edge source="1" target="0"/>
        </graph>
      </graphml>
      """
    let (topology, warnings) = try Self.importing(text, options: GraphMLImportOptions(cores: 4))
    // Node 1 cannot take `Rome-2` (node 2's own label), so it becomes `Rome-3`; node 3 has no
    // label and is named by its id.
    #expect(topology.nodes.map(\.name) == ["Rome", "Rome-3", "Rome-2", "3"])
    #expect(topology.nodes.allSatisfy { $0.cores == 4 })
    // The self-loop is dropped; the two 0–1 edges merge into one 2 Gbps link named after the first.
    #expect(topology.links.map(\.name) == ["Rome-Rome-3"])
    #expect(topology.links[0].bandwidthAToB == .gigabitsPerSecond(2))
    #expect(
      warnings.contains(
        "`t.graphml:5`: node `1` repeats the name `Rome` of node `0`; named it `Rome-3`"))
    #expect(warnings.contains("`t.graphml:8`: self-loop on node `0` skipped"))
    #expect(
      warnings.contains(
        "`t.graphml:10`: edge `Rome-3`–`Rome` parallels the edge on line 9; merged into one link of 2Gbps"
      ))
  }

  @Test func keyDefaultsApplyWhenDataIsAbsent() throws {
    let text = """
      <graphml>
        <key id="r" for="edge" attr.name="LinkSpeedRaw"><default>10000000</default></key>
        <graph>
          <node id="x"/><node id="y"/><node id="z"/>
          <edge source="x" target="y"/>
          <edge source="y" target="z"><data key="r">20000000</data></edge>
        </graph>
      </graphml>
      """
    let (topology, _) = try Self.importing(text)
    #expect(
      topology.links.map(\.bandwidthAToB) == [.megabitsPerSecond(10), .megabitsPerSecond(20)])
  }

  @Test func badOptionsAreRejected() {
    #expect(
      throws: GraphMLError.invalidOption(
        file: "t.graphml", option: "defaultLatency", expected: "zero or more", found: "-0.001s")
    ) {
      try Self.importing(
        Self.small, options: GraphMLImportOptions(defaultLatency: .milliseconds(-1)))
    }
    #expect(
      throws: GraphMLError.invalidOption(
        file: "t.graphml", option: "defaultBandwidth", expected: "a positive rate", found: "0 bps")
    ) {
      try Self.importing(
        Self.small, options: GraphMLImportOptions(defaultBandwidth: .bitsPerSecond(0)))
    }
  }
}
