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
}
