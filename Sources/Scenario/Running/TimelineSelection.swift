import Platform
import SimCore

/// What part of a run its timeline shows (`--timeline-nodes`, `--timeline-window`): the nodes
/// kept and a window of simulated time. A timeline of every node of a 1,000-client run is too
/// big to browse; a few clients, the servers and a minute of it are not.
///
/// **Nodes** are a comma-separated list of items, each one of:
/// - a node id of the scenario (`cloud`, `c7`);
/// - a role, singular or plural as in scenario files (`server`, `validators`, `edges`,
///   `clients`, `storage`, `routers`): every node with that role;
/// - a role and a count, `clients:10`: that many of the role's nodes, evenly spread over them in
///   topology order (of 1,000 clients, `clients:10` keeps the 1st, 101st, 201st, …), the same on
///   every run.
///
/// An item that is a node id is that node, even if it is also a role word. Without a list, every
/// node is kept.
///
/// **The window** is `FROM,UNTIL`, two durations from the start of the run as scenario files
/// write them (`30s,90s`, `0s,500ms`); either may be left out (`30s,` keeps from 30 s to the end).
/// A slice is kept when it overlaps the window, ends included, and keeps its true start and end;
/// an instant when it lies in it.
public struct TimelineSelection: Sendable {
  /// Per node, by index: shown. Nil shows every node.
  public let nodes: [Bool]?
  /// The window's ends, inclusive.
  public let from: SimInstant
  public let until: SimInstant
  /// The two options as given (nil when absent), for the timeline's metadata.
  public let nodesText: String?
  public let windowText: String?

  /// Every node, all the time.
  public init() {
    nodes = nil
    from = .zero
    until = .distantFuture
    nodesText = nil
    windowText = nil
  }

  /// Reads the node list `nodes` and the window `window` (either nil when not given) against
  /// `topology`.
  /// - Throws: a one-line reason naming the bad item and what is accepted.
  public init(nodes: String?, window: String?, topology: Topology)
    throws(TimelineSelectionError)
  {
    self.nodes = try nodes.map { text throws(TimelineSelectionError) in
      try Self.nodeMask(text, topology: topology)
    }
    (from, until) = try window.map(Self.window) ?? (.zero, .distantFuture)
    nodesText = nodes
    windowText = window
  }

  /// True when `node` is shown.
  public func includes(_ node: NodeID) -> Bool { nodes?[node.index] ?? true }

  /// True when the slice from `start` to `end` overlaps the window.
  public func overlaps(from start: SimInstant, to end: SimInstant) -> Bool {
    start <= until && end >= from
  }

  /// True when `instant` lies in the window.
  public func contains(_ instant: SimInstant) -> Bool { from <= instant && instant <= until }

  // MARK: - Parsing

  private static func nodeMask(_ text: String, topology: Topology) throws(TimelineSelectionError)
    -> [Bool]
  {
    var mask = [Bool](repeating: false, count: topology.nodes.count)
    let items = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    for item in items {
      if let node = topology.node(named: item) {
        mask[node.id.index] = true
        continue
      }
      let parts = item.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
      guard let role = role(named: String(parts[0])) else {
        throw TimelineSelectionError(
          message: "--timeline-nodes: `\(item)` is neither a node of the scenario nor a role; "
            + "give node ids, roles (\(roleWords)) or ROLE:COUNT, comma-separated")
      }
      let members = topology.nodes(withRole: role)
      var count = members.count
      if parts.count == 2 {
        guard parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let wanted = Int(parts[1]),
          wanted >= 1
        else {
          throw TimelineSelectionError(
            message: "--timeline-nodes: `\(item)`: the count after `:` must be a whole number "
              + "≥ 1, e.g. \(role.rawValue)s:10")
        }
        count = min(wanted, members.count)
      }
      // Evenly spread: the i-th of `count` is member ⌊i·n/count⌋, so the first is always kept.
      for i in 0..<count { mask[members[i * members.count / count].id.index] = true }
    }
    return mask
  }

  /// The role a word names: `client` or `clients`, and so on.
  private static func role(named word: String) -> NodeRole? {
    NodeRole.allCases.first { word == $0.rawValue || word == $0.rawValue + "s" }
  }

  private static var roleWords: String {
    NodeRole.allCases.map { $0.rawValue }.joined(separator: ", ")
  }

  private static func window(_ text: String) throws(TimelineSelectionError)
    -> (SimInstant, SimInstant)
  {
    let ends = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard ends.count == 2, !(ends[0].isEmpty && ends[1].isEmpty) else {
      throw TimelineSelectionError(
        message: "--timeline-window: `\(text)` is not FROM,UNTIL; give two durations such as "
          + "30s,90s (either may be left out: 30s, keeps from 30 s to the end)")
    }
    func instant(_ end: String, empty: SimInstant) throws(TimelineSelectionError) -> SimInstant {
      guard !end.isEmpty else { return empty }
      guard let duration = SimDuration(parsing: end) else {
        throw TimelineSelectionError(
          message: "--timeline-window: `\(end)` is not a duration; write a number and a unit "
            + "(\(QuantityParsing.describe(QuantityParsing.durationUnits.map(\.suffix)))), "
            + "e.g. 30s or 1500ms")
      }
      return .zero + duration
    }
    let from = try instant(ends[0], empty: .zero)
    let until = try instant(ends[1], empty: .distantFuture)
    guard from <= until else {
      throw TimelineSelectionError(
        message: "--timeline-window: `\(text)` ends before it starts; give FROM ≤ UNTIL")
    }
    return (from, until)
  }
}

/// Why a timeline selection was refused.
public struct TimelineSelectionError: Error, Sendable, Equatable, CustomStringConvertible {
  public let message: String
  public var description: String { message }
}
