import SimCore

/// How `GraphMLImporter` turns a GraphML graph into a `Topology`: the defaults for what the file
/// does not say, and the roles the imported nodes take.
public struct GraphMLImportOptions: Sendable, Hashable {
  /// What to do with several `<edge>`s between the same two nodes (a multigraph).
  public enum ParallelEdgePolicy: Sendable, Hashable {
    /// Merge them into one link whose bandwidth is the sum of theirs (link aggregation): the
    /// routes see one link, and no capacity is lost. The default.
    case sumBandwidths
    /// Keep the first edge in document order and drop the others.
    case keepFirst
  }

  /// The bandwidth of a link whose edge gives no `LinkSpeedRaw` or `LinkSpeed`. Default 1 Gbps.
  public var defaultBandwidth: BitRate
  /// The latency of a link with an endpoint lacking `Latitude`/`Longitude`. Default 1 ms, the
  /// fibre delay over about 200 km: a short regional hop.
  public var defaultLatency: SimDuration
  /// The roles every node takes unless `roleOverrides` names it. Default `[.router]`.
  public var roles: [NodeRole]
  /// Roles for particular nodes, by their imported name (the label, disambiguated).
  /// Default empty. Only looked up, never iterated in a way that reaches the result.
  public var roleOverrides: [String: [NodeRole]]
  /// The device profile of every node. Default `.edgeServer`, a PoP-hosted server.
  public var profile: DeviceProfile
  /// The cores of every node. Default 1.
  public var cores: Int
  /// The class of every link. Default `core`.
  public var linkClass: String
  /// What to do with parallel edges. Default `.sumBandwidths`.
  public var parallelEdges: ParallelEdgePolicy

  /// Options with the given values; every argument has the default documented on its property.
  public init(
    defaultBandwidth: BitRate = .gigabitsPerSecond(1),
    defaultLatency: SimDuration = .milliseconds(1), roles: [NodeRole] = [.router],
    roleOverrides: [String: [NodeRole]] = [:], profile: DeviceProfile = .edgeServer,
    cores: Int = 1, linkClass: String = "core", parallelEdges: ParallelEdgePolicy = .sumBandwidths
  ) {
    self.defaultBandwidth = defaultBandwidth
    self.defaultLatency = defaultLatency
    self.roles = roles
    self.roleOverrides = roleOverrides
    self.profile = profile
    self.cores = cores
    self.linkClass = linkClass
    self.parallelEdges = parallelEdges
  }

  /// Checks the values that do not depend on the file.
  func validate(fileName: String) throws(GraphMLError) {
    func invalid(_ option: String, _ expected: String, _ found: String) -> GraphMLError {
      .invalidOption(file: fileName, option: option, expected: expected, found: found)
    }
    guard defaultBandwidth.bitsPerSecond > 0 else {
      throw invalid("defaultBandwidth", "a positive rate", "\(defaultBandwidth.bitsPerSecond) bps")
    }
    guard defaultLatency.nanoseconds >= 0 else {
      throw invalid("defaultLatency", "zero or more", "\(defaultLatency)")
    }
    guard !roles.isEmpty else { throw invalid("roles", "at least one role", "empty") }
    guard cores >= 1 else { throw invalid("cores", "at least 1", "\(cores)") }
    guard !linkClass.isEmpty else { throw invalid("linkClass", "a non-empty class", "empty") }
    for name in roleOverrides.keys.sorted() where roleOverrides[name]?.isEmpty ?? true {
      throw invalid("roleOverrides[\(name)]", "at least one role", "empty")
    }
  }
}
