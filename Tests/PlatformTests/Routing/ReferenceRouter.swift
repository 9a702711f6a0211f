import SimCore

@testable import Platform

/// Per source, Dijkstra on (latency, hops, lowest predecessor) over the up links and nodes;
/// no route starts or ends at a down node.
struct ReferenceRouter {
  let topology: Topology
  var isNodeDown: [Bool]
  var isLinkDown: [Bool]

  /// A reference over `topology`, everything up unless said otherwise.
  init(topology: Topology, isNodeDown: [Bool]? = nil, isLinkDown: [Bool]? = nil) {
    self.topology = topology
    self.isNodeDown = isNodeDown ?? Array(repeating: false, count: topology.nodes.count)
    self.isLinkDown = isLinkDown ?? Array(repeating: false, count: topology.links.count)
  }

  func route(from source: NodeID, to destination: NodeID) -> Route? {
    if isNodeDown[source.index] || isNodeDown[destination.index] { return nil }
    if source == destination { return Route(channels: [], latency: .zero) }
    let count = topology.nodes.count
    var latency = [Int64](repeating: .max, count: count)
    var hops = [Int](repeating: .max, count: count)
    var parentLink = [LinkID?](repeating: nil, count: count)
    var parentNode = [Int](repeating: .max, count: count)
    var done = [Bool](repeating: false, count: count)
    latency[source.index] = 0
    hops[source.index] = 0
    while true {
      var best: Int?
      for v in 0..<count where !done[v] && latency[v] != .max {
        if let b = best, (latency[b], hops[b], b) <= (latency[v], hops[v], v) { continue }
        best = v
      }
      guard let u = best else { break }
      done[u] = true
      for linkID in topology.adjacency[u] where !isLinkDown[linkID.index] {
        let link = topology.links[linkID.index]
        let v = link.otherEnd(from: NodeID(u)).index
        if done[v] || isNodeDown[v] { continue }
        let candidate = (latency[u] + link.latency.nanoseconds, hops[u] + 1)
        if candidate < (latency[v], hops[v])
          || (candidate == (latency[v], hops[v]) && u < parentNode[v])
        {
          (latency[v], hops[v]) = candidate
          parentLink[v] = linkID
          parentNode[v] = u
        }
      }
    }
    guard latency[destination.index] != .max else { return nil }
    var channels: [Channel] = []
    var node = destination
    while node != source {
      let link = topology.links[parentLink[node.index]!.index]
      let previous = link.otherEnd(from: node)
      channels.append(Channel(link: link.id, isAToB: link.a == previous))
      node = previous
    }
    return Route(
      channels: channels.reversed(), latency: SimDuration(nanoseconds: latency[destination.index])
    )
  }
}
