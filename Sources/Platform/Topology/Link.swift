import SimCore

/// A full-duplex link: each direction has the link's latency and its own bandwidth.
public struct Link: Sendable, Hashable {
  /// The link's dense ID: its position in `Topology.links`.
  public var id: LinkID
  /// The name scenario files use, unique within the topology.
  public var name: String
  /// The two endpoints, as written (`a`, then `b`).
  public var a: NodeID
  public var b: NodeID
  /// One-way propagation latency, the same in both directions.
  public var latency: SimDuration
  /// Bandwidth from `a` to `b`.
  public var bandwidthAToB: BitRate
  /// Bandwidth from `b` to `a`.
  public var bandwidthBToA: BitRate
  /// Probability that a message crossing this link is lost, in [0, 1).
  public var lossRate: Double
  /// The class the link's traffic is accounted under (`client-edge`, `edge-cloud`, …).
  public var linkClass: String

  public init(
    id: LinkID, name: String, between a: NodeID, and b: NodeID, latency: SimDuration,
    bandwidthAToB: BitRate, bandwidthBToA: BitRate, lossRate: Double = 0, linkClass: String
  ) {
    precondition(a != b, "Link \(name) joins \(a) to itself")
    precondition(latency.nanoseconds >= 0, "Link \(name): negative latency")
    precondition(
      bandwidthAToB.bitsPerSecond > 0 && bandwidthBToA.bitsPerSecond > 0,
      "Link \(name): bandwidth must be positive")
    precondition(
      lossRate >= 0 && lossRate < 1, "Link \(name): loss rate \(lossRate) outside [0, 1)")
    self.id = id
    self.name = name
    self.a = a
    self.b = b
    self.latency = latency
    self.bandwidthAToB = bandwidthAToB
    self.bandwidthBToA = bandwidthBToA
    self.lossRate = lossRate
    self.linkClass = linkClass
  }

  /// The endpoint other than `node`.
  public func otherEnd(from node: NodeID) -> NodeID {
    precondition(node == a || node == b, "\(node) is not an endpoint of link \(name)")
    return node == a ? b : a
  }
}

/// One direction of a link: the unit of bandwidth sharing and byte accounting.
public struct Channel: Hashable, Sendable, Comparable {
  /// The link.
  public var link: LinkID
  /// True for the direction from the link's `a` to its `b`.
  public var isAToB: Bool

  public init(link: LinkID, isAToB: Bool) {
    self.link = link
    self.isAToB = isAToB
  }

  /// A dense index over all channels: `2 × link + (isAToB ? 0 : 1)`.
  public var index: Int { link.index * 2 + (isAToB ? 0 : 1) }

  public static func < (x: Channel, y: Channel) -> Bool { x.index < y.index }
}
