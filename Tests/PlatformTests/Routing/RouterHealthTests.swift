import SimCore
import Testing

@testable import Platform

/// The router with nodes and links down, against a plain Dijkstra that skips them (`ReferenceRouter`).
/// Topologies are drawn with many ties and mixed roles, as in `RouterReferenceRouterTests`, so that
/// routes are read from the source's tree, backwards from the destination's (where a down link
/// between two nodes whose distances happen to match must not be taken), and from the client
/// cache; then everything comes back up and the routes must be the healthy ones again.
struct RouterHealthTests {
  /// Every pair's route from `router` against `reference`; records at most a few mismatches.
  private static func compareAllPairs(
    _ router: inout Router, _ reference: ReferenceRouter, seed: UInt64, phase: String
  ) {
    var mismatches = 0
    let count = reference.topology.nodes.count
    for s in 0..<count {
      for d in 0..<count {
        let expected = reference.route(from: NodeID(s), to: NodeID(d))
        let got = router.route(from: NodeID(s), to: NodeID(d))
        if got != expected {
          mismatches += 1
          Issue.record(
            "seed \(seed), \(phase): \(s)→\(d) gave \(String(describing: got)), expected \(String(describing: expected))"
          )
          if mismatches > 5 { return }
        }
      }
    }
  }

  @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
  func routesAvoidDownNodesAndLinksAndComeBackWhenUp(seed: UInt64) {
    let topology = RouterReferenceTests.tiedTopology(nodes: 36, links: 80, seed: seed)
    var generator = Xoshiro256StarStar(seed: seed &+ 1_000)
    var router = Router(topology: topology, clientTreeEntries: 4 * 36)
    var reference = ReferenceRouter(
      topology: topology, isNodeDown: Array(repeating: false, count: topology.nodes.count),
      isLinkDown: Array(repeating: false, count: topology.links.count))
    // Routes first under full health, so that trees are cached before health changes.
    Self.compareAllPairs(&router, reference, seed: seed, phase: "healthy")
    for _ in 0..<3 {
      let node = generator.nextInt(below: topology.nodes.count)
      router.setNode(NodeID(node), up: false)
      reference.isNodeDown[node] = true
    }
    for _ in 0..<12 {
      let link = generator.nextInt(below: topology.links.count)
      router.setLink(LinkID(link), up: false)
      reference.isLinkDown[link] = true
    }
    #expect(!router.isAllUp)
    Self.compareAllPairs(&router, reference, seed: seed, phase: "faults")
    for node in 0..<topology.nodes.count where reference.isNodeDown[node] {
      let changed = router.setNode(NodeID(node), up: true)
      #expect(changed)
      reference.isNodeDown[node] = false
    }
    for link in 0..<topology.links.count where reference.isLinkDown[link] {
      let changed = router.setLink(LinkID(link), up: true)
      #expect(changed)
      reference.isLinkDown[link] = false
    }
    #expect(router.isAllUp)
    Self.compareAllPairs(&router, reference, seed: seed, phase: "recovered")
  }

  @Test func sameStateIsANoOpThatKeepsTheTrees() {
    let topology = RouterReferenceTests.tiedTopology(nodes: 8, links: 14, seed: 7)
    var router = Router(topology: topology)
    _ = router.route(from: NodeID(0), to: NodeID(5))
    let trees = router.treeCount
    #expect(trees > 0)
    let nodeChanged = router.setNode(NodeID(3), up: true)
    let linkChanged = router.setLink(LinkID(2), up: true)
    #expect(!nodeChanged && !linkChanged)
    #expect(router.treeCount == trees)
    let wentDown = router.setLink(LinkID(2), up: false)
    #expect(wentDown)
    #expect(router.treeCount == 0)
    #expect(!router.isUp(LinkID(2)) && router.isUp(NodeID(3)))
  }

  @Test func aDownNodeHasNoRouteEvenToItself() {
    var topology = Topology()
    let a = topology.addNode(name: "a", roles: [], profile: .edgeServer)
    let b = topology.addNode(name: "b", roles: [.client], profile: .edgeServer)
    topology.addLink(
      name: "ab", between: a, and: b, latency: .milliseconds(1), bandwidth: .megabitsPerSecond(1))
    var router = Router(topology: topology)
    router.setNode(b, up: false)
    #expect(router.route(from: b, to: b) == nil)
    #expect(router.route(from: a, to: b) == nil)
    #expect(router.route(from: b, to: a) == nil)
    #expect(router.route(from: a, to: a)?.channels == [])
  }
}
