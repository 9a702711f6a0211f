/// An identifier that is a dense index into an array owned by one model: `links[id.index]`.
///
/// Models keep their state in arrays indexed by these IDs rather than in object graphs, so that a
/// scheduled action can capture a small value and look its object up when it fires.
public protocol DenseID: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The position in the owning array, from zero.
  var index: Int { get }
  /// The ID at position `index`.
  init(_ index: Int)
}

extension DenseID {
  public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}

/// A host of the topology.
public struct NodeID: DenseID {
  public let index: Int
  public init(_ index: Int) { self.index = index }
  public var description: String { "node#\(index)" }
}

/// A full-duplex link of the topology.
public struct LinkID: DenseID {
  public let index: Int
  public init(_ index: Int) { self.index = index }
  public var description: String { "link#\(index)" }
}

/// One message in transit.
public struct FlowID: DenseID {
  public let index: Int
  public init(_ index: Int) { self.index = index }
  public var description: String { "flow#\(index)" }
}

/// A federated-learning client (data owner), numbered from zero in the order the scenario lists them.
public struct ClientID: DenseID {
  public let index: Int
  public init(_ index: Int) { self.index = index }
  public var description: String { "client#\(index)" }
}
