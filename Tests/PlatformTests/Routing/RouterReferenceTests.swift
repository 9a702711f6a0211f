import SimCore
import Testing

@testable import Platform

/// The router against the plain algorithm it replaced: one Dijkstra per source, kept per source
/// (`ReferenceRouter`). Topologies are drawn with many ties — latencies from {0, 1, 2} ms, parallel
/// links, a mesh — so that every tie-breaking rule decides some route, and with roles mixed so
/// that routes are read from the source's tree, backwards from the destination's, and from the
/// client cache. Any difference in a route's links, directions or latency fails.
struct RouterReferenceTests {
  /// `nodes` nodes, a third of them clients, joined by random links of 0–2 ms (some parallel)
  /// plus a few isolated nodes, from `seed`.
  static func tiedTopology(nodes: Int, links: Int, seed: UInt64) -> Topology {
    var generator = Xoshiro256StarStar(seed: seed)
    var topology = Topology()
    let roleSets: [[NodeRole]] = [[.client], [.router], [.edge], [.client, .validator], [.client]]
    for i in 0..<nodes {
      topology.addNode(
        name: "n\(i)", roles: roleSets[generator.nextInt(below: roleSets.count)],
        profile: .edgeServer)
    }
    // The last two nodes stay isolated from the rest (but joined to each other).
    let connected = nodes - 2
    for l in 0..<links {
      let a = generator.nextInt(below: connected)
      var b = generator.nextInt(below: connected - 1)
      if b >= a { b += 1 }
      topology.addLink(
        name: "l\(l)", between: NodeID(a), and: NodeID(b),
        latency: .milliseconds(Int64(generator.nextInt(below: 3))),
        bandwidth: .megabitsPerSecond(10))
    }
    topology.addLink(
      name: "island", between: NodeID(nodes - 2), and: NodeID(nodes - 1),
      latency: .milliseconds(1), bandwidth: .megabitsPerSecond(10))
    return topology
  }

  @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
  func everyRouteMatchesTheSourcesOwnTree(seed: UInt64) {
    let topology = Self.tiedTopology(nodes: 40, links: 90, seed: seed)
    let reference = ReferenceRouter(topology: topology)
    // A cache of four client trees, so that client-to-client routes also evict.
    var router = Router(topology: topology, clientTreeEntries: 4 * 40)
    var mismatches = 0
    for s in 0..<40 {
      for d in 0..<40 {
        let expected = reference.route(from: NodeID(s), to: NodeID(d))
        let got = router.route(from: NodeID(s), to: NodeID(d))
        if got != expected {
          mismatches += 1
          Issue.record(
            "seed \(seed): \(s)→\(d) gave \(String(describing: got)), expected \(String(describing: expected))"
          )
        }
        let latency = router.path(from: NodeID(s), to: NodeID(d))?.latencyNanoseconds
        #expect(
          latency == expected.map { Int128($0.latency.nanoseconds) }, "seed \(seed): \(s)→\(d)")
      }
      if mismatches > 5 { return }
    }
  }
}
