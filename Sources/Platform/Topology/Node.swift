import SimCore

/// A host of the topology: its name, roles and compute capacity.
public struct Node: Sendable, Hashable {
  /// The node's dense ID: its position in `Topology.nodes`.
  public var id: NodeID
  /// The name scenario files use, unique within the topology.
  public var name: String
  /// The node's roles, sorted and without repeats.
  public var roles: [NodeRole]
  /// How fast one core computes.
  public var profile: DeviceProfile
  /// How many tasks the node runs side by side.
  public var cores: Int

  /// A node; roles are sorted and de-duplicated.
  /// - Precondition: `cores ≥ 1`.
  public init(id: NodeID, name: String, roles: [NodeRole], profile: DeviceProfile, cores: Int) {
    precondition(cores >= 1, "Node \(name): cores must be at least 1, got \(cores)")
    self.id = id
    self.name = name
    self.roles = Array(Set(roles)).sorted()
    self.profile = profile
    self.cores = cores
  }

  /// True when the node holds `role`.
  public func has(_ role: NodeRole) -> Bool { roles.contains(role) }
}
