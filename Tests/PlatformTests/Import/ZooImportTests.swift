import Platform
import SimCore
import Testing

struct ZooImportTests {
  /// Expected counts, taken independently of our parser with `grep -c '<node '` and
  /// `grep -c '<edge '` on each file (every `<node `/`<edge ` is on its own line), and checked
  /// against the table in the Zoo data README (counted with Python's xml.etree). None of these
  /// files has a self-loop; only Garr201201 has parallel edges: 89 edges on 75 node pairs.
  static let counts: [(file: String, nodes: Int, links: Int)] = [
    ("Abilene.graphml", 11, 14),
    ("Nsfnet.graphml", 13, 15),
    ("Geant2012.graphml", 40, 61),
    ("Cesnet201006.graphml", 52, 63),
    ("Garr201201.graphml", 61, 75),
  ]

  @Test(arguments: counts.indices)
  func zooFileImportsWithExpectedCounts(index: Int) throws {
    let (file, nodes, links) = Self.counts[index]
    let (topology, _) = try GraphMLImporter.importTopology(
      from: try ZooFixture.text(of: file), fileName: file)
    #expect(topology.nodes.count == nodes, "\(file)")
    #expect(topology.links.count == links, "\(file)")
    #expect(topology.nodes.allSatisfy { $0.roles == [.router] })
    #expect(topology.links.allSatisfy { $0.linkClass == "core" })
  }

  @Test func abileneNewYorkChicagoLatencyIsHaversineAtTwoThirdsC() throws {
    let (topology, warnings) = try GraphMLImporter.importTopology(
      from: try ZooFixture.text(of: "Abilene.graphml"), fileName: "Abilene.graphml")
    // New York (40.71427, −74.00597) to Chicago (41.85003, −87.65005), from the file. Haversine
    // with R = 6,371 km, in Python's math module:
    //   a = sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2), d = 2R·asin(√a) = 1145.8371888 km
    //   d / (2/3 × 299,792.458 km/s) = 0.005733152177 s → 5,733,152 ns.
    // (Published great-circle NY–Chicago distances are about 1,145 km.)
    let link = try #require(topology.link(named: "New York-Chicago"))
    #expect(link.latency == .nanoseconds(5_733_152))
    // Abilene gives no link speeds: the default 1 Gbps, both ways, with one summary warning.
    #expect(link.bandwidthAToB == .gigabitsPerSecond(1))
    #expect(link.bandwidthBToA == .gigabitsPerSecond(1))
    #expect(
      warnings == [
        "`Abilene.graphml:40`: 14 of 14 edges give no link speed; they get the default bandwidth 1Gbps"
      ])
  }

  @Test func geantNodesWithoutCoordinatesAreKeptWithDefaultLatency() throws {
    let options = GraphMLImportOptions(defaultLatency: .microseconds(1_500))
    let (topology, warnings) = try GraphMLImporter.importTopology(
      from: try ZooFixture.text(of: "Geant2012.graphml"), fileName: "Geant2012.graphml",
      options: options)
    // Nodes 10 (UA), 11 (MD) and 19 (BY) have no Latitude/Longitude (data README; checked with
    // xml.etree). They stay, and every link touching them gets the default latency.
    let missing = ["UA", "MD", "BY"]
    for name in missing {
      let node = try #require(topology.node(named: name))
      let links = topology.adjacency[node.id.index].map { topology.links[$0.index] }
      #expect(!links.isEmpty)
      #expect(links.allSatisfy { $0.latency == .microseconds(1_500) }, "\(name)")
    }
    #expect(
      warnings.contains(
        "`Geant2012.graphml:157`: node `10` (UA) has no Latitude/Longitude; its links get the default latency 0.0015s"
      ))
    #expect(warnings.filter { $0.contains("has no Latitude/Longitude") }.count == 3)
  }

  @Test func geantLinkSpeedRawSetsBandwidth() throws {
    let (topology, _) = try GraphMLImporter.importTopology(
      from: try ZooFixture.text(of: "Geant2012.graphml"), fileName: "Geant2012.graphml")
    // The file's edge 0–34 (NL–UK) has LinkSpeedRaw 2500000000.0; edge 0–1 (NL–BE) has none.
    #expect(topology.link(named: "NL-UK")?.bandwidthAToB == .bitsPerSecond(2_500_000_000))
    #expect(topology.link(named: "NL-BE")?.bandwidthAToB == .gigabitsPerSecond(1))
  }

  @Test func garrDuplicateLabelAndParallelEdgesAreResolved() throws {
    let (topology, warnings) = try GraphMLImporter.importTopology(
      from: try ZooFixture.text(of: "Garr201201.graphml"), fileName: "Garr201201.graphml")
    // Nodes 3 and 52 are both labelled GEANT: the second becomes GEANT-2.
    #expect(topology.nodes[3].name == "GEANT")
    #expect(topology.nodes[52].name == "GEANT-2")
    #expect(
      warnings.contains(
        "`Garr201201.graphml:457`: node `52` repeats the name `GEANT` of node `3`; named it `GEANT-2`"
      ))
    // CA-1–SS (4–7) appears twice at 1 Gbps: one link of 2 Gbps. BO–MI-1 (14–35) appears three
    // times: no speed (default 1 Gbps), 10 Gbps, 10 Gbps: one link of 21 Gbps.
    #expect(topology.link(named: "CA-1-SS")?.bandwidthAToB == .gigabitsPerSecond(2))
    #expect(topology.link(named: "BO-MI-1")?.bandwidthAToB == .gigabitsPerSecond(21))
    // 89 edges on 75 pairs: 14 merge warnings.
    #expect(warnings.filter { $0.contains("parallels the edge") }.count == 14)
  }

  @Test func garrKeepFirstPolicyKeepsTheFirstParallelEdge() throws {
    let (topology, _) = try GraphMLImporter.importTopology(
      from: try ZooFixture.text(of: "Garr201201.graphml"), fileName: "Garr201201.graphml",
      options: GraphMLImportOptions(parallelEdges: .keepFirst))
    // The first BO–MI-1 edge gives no speed: the default 1 Gbps.
    #expect(topology.links.count == 75)
    #expect(topology.link(named: "BO-MI-1")?.bandwidthAToB == .gigabitsPerSecond(1))
  }

  @Test func roleOverridesPickOutNamedNodes() throws {
    let options = GraphMLImportOptions(roleOverrides: ["Chicago": [.server], "Denver": [.client]])
    let (topology, _) = try GraphMLImporter.importTopology(
      from: try ZooFixture.text(of: "Abilene.graphml"), fileName: "Abilene.graphml",
      options: options)
    #expect(topology.node(named: "Chicago")?.roles == [.server])
    #expect(topology.node(named: "Denver")?.roles == [.client])
    #expect(topology.nodes(withRole: .router).count == 9)
    #expect(
      throws: GraphMLError.invalidOption(
        file: "Abilene.graphml", option: "roleOverrides", expected: "names of nodes in the file",
        found: "`Boston`, which no node is called")
    ) {
      try GraphMLImporter.importTopology(
        from: try ZooFixture.text(of: "Abilene.graphml"), fileName: "Abilene.graphml",
        options: GraphMLImportOptions(roleOverrides: ["Boston": [.server]]))
    }
  }
}
