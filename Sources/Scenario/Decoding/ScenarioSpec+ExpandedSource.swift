import Traces

extension ScenarioSpec {
  /// The scenario as written (`source`) with its `topology` — generated, imported or explicit —
  /// replaced by the explicit `{"nodes": […], "links": […]}` it decoded to (`TopologyEncoder`),
  /// every other member kept as written and in place: a file to review and edit by hand, which
  /// decodes to the same topology and so runs to the same traces.
  ///
  /// A generator that draws (`random-geometric`) drew with the scenario's own `seed`, so the
  /// expansion is the topology of that seed. An explicit topology expands to the same nodes and
  /// links in the encoder's form (every link's `class` written out), so expanding an expansion
  /// changes nothing. Paths in other members (data sets, fault traces) stay relative to the
  /// scenario's folder.
  /// - Complexity: O(N + L) for the topology's N nodes and L links.
  public var expandedSource: JSONValue {
    guard case .object(var members) = source.kind,
      let index = members.firstIndex(where: { $0.key == "topology" })
    else { return source }
    members[index].value = TopologyEncoder.encode(topology)
    return JSONValue(.object(members), line: source.line)
  }
}
