import SimCore
import Testing

@testable import Platform

struct RouterTests {
  @Test func routePrefersLowerLatencyThenFewerHops() {
    // a–b–d costs 2+2 = 4 ms over two hops; a–d directly costs 4 ms over one; a–c–d costs 1+1.
    var topology = Topology()
    let names = ["a", "b", "c", "d"]
    let ids = names.map { topology.addNode(name: $0, roles: [], profile: .edgeServer) }
    let rate = BitRate.megabitsPerSecond(10)
    topology.addLink(
      name: "ab", between: ids[0], and: ids[1], latency: .milliseconds(2), bandwidth: rate)
    topology.addLink(
      name: "bd", between: ids[1], and: ids[3], latency: .milliseconds(2), bandwidth: rate)
    topology.addLink(
      name: "ad", between: ids[0], and: ids[3], latency: .milliseconds(4), bandwidth: rate)
    var router = Router(topology: topology)
    let direct = router.route(from: ids[0], to: ids[3])
    #expect(direct?.channels.map(\.link.index) == [2])  // equal latency, fewer hops
    topology.addLink(
      name: "ac", between: ids[0], and: ids[2], latency: .milliseconds(1), bandwidth: rate)
    topology.addLink(
      name: "cd", between: ids[2], and: ids[3], latency: .milliseconds(1), bandwidth: rate)
    router = Router(topology: topology)
    let viaC = router.route(from: ids[0], to: ids[3])
    #expect(viaC?.channels.map(\.link.index) == [3, 4])
    #expect(viaC?.latency == .milliseconds(2))
    // Reverse direction uses the b→a side of each link.
    let back = router.route(from: ids[3], to: ids[0])
    #expect(
      back?.channels == [
        Channel(link: LinkID(4), isAToB: false), Channel(link: LinkID(3), isAToB: false),
      ])
  }

  @Test func disconnectedNodesHaveNoRoute() {
    var topology = Topology()
    let a = topology.addNode(name: "a", roles: [], profile: .edgeServer)
    let b = topology.addNode(name: "b", roles: [], profile: .edgeServer)
    var router = Router(topology: topology)
    #expect(router.route(from: a, to: b) == nil)
    #expect(router.route(from: a, to: a)?.channels == [])
  }

  @Test func routeLatencyBeyondTheClockIsReportedNotTrapped() {
    // a —L— b —L— c with L = Int64.max − 1 ns (about 292 years, a valid link). a→b fits the
    // clock; a→c sums to 2·(2⁶³ − 2) = 2⁶⁴ − 4 ns, past Int64 (the old Int64 sum trapped here).
    var topology = Topology()
    let a = topology.addNode(name: "a", roles: [], profile: .edgeServer)
    let b = topology.addNode(name: "b", roles: [], profile: .edgeServer)
    let c = topology.addNode(name: "c", roles: [.client], profile: .edgeServer)
    let long = SimDuration(nanoseconds: .max - 1)
    topology.addLink(
      name: "ab", between: a, and: b, latency: long, bandwidth: .megabitsPerSecond(1))
    topology.addLink(
      name: "bc", between: b, and: c, latency: long, bandwidth: .megabitsPerSecond(1))
    var router = Router(topology: topology)
    #expect(router.route(from: a, to: b)?.latency == long)
    #expect(router.route(from: a, to: c) == nil)
    #expect(router.path(from: a, to: c)?.latencyNanoseconds == (Int128(1) << 64) - 4)
    // From the client, read backwards from a's tree: the same figure.
    #expect(router.path(from: c, to: a)?.latencyNanoseconds == (Int128(1) << 64) - 4)
    #expect(router.path(from: c, to: a)?.channels.count == 2)
  }

  @Test func clientRoutesAreNotCachedPerClient() throws {
    // 300 clients under 3 edges under a cloud, 2 validators: every client routes to every
    // validator, the cloud and its edge and back. Trees are kept for the non-client endpoints
    // only: 3 edges + cloud + 2 validators = 6, not one per client (306 before).
    let topology = try EdgeTreeTopology(clientCount: 300, edgeCount: 3, validatorCount: 2)
      .makeTopology()
    var router = Router(topology: topology)
    let hubs = topology.nodes.filter { !$0.has(.client) }.map(\.id)
    #expect(hubs.count == 6)
    for client in topology.nodes(withRole: .client) {
      for hub in hubs {
        #expect(router.route(from: client.id, to: hub) != nil)
        #expect(router.route(from: hub, to: client.id) != nil)
      }
    }
    #expect(router.treeCount == 6)
  }

  @Test func clientToClientTreesStayWithinTheCacheBound() {
    // A star of 30 clients around a router, a cache of 3 × 31 node entries: 3 trees at most,
    // however many of the 30 × 29 client pairs are routed. Each route is two hops, leaf → hub →
    // leaf, 2 ms.
    var topology = Topology()
    let hub = topology.addNode(name: "hub", roles: [.router], profile: .edgeServer)
    let leaves = (0..<30).map { i in
      let leaf = topology.addNode(name: "c\(i)", roles: [.client], profile: .iotDevice)
      topology.addLink(
        name: "l\(i)", between: hub, and: leaf, latency: .milliseconds(1),
        bandwidth: .megabitsPerSecond(10))
      return leaf
    }
    var router = Router(topology: topology, clientTreeEntries: 3 * 31)
    for a in leaves {
      for b in leaves where a != b {
        let route = router.route(from: a, to: b)
        #expect(route?.latency == .milliseconds(2) && route?.channels.count == 2)
      }
    }
    #expect(router.treeCount <= 3)
  }
}
