import Faults
import Platform
import SimCore
import Traces

/// Contradictory faults: a crash of a node that is already down, a link taken down while it is
/// down, a node made a straggler twice at once, a validator made byzantine twice at once.
extension FaultDecoder {
  /// The span of one fault that no other fault of its kind on its target may share: `[start,
  /// end)`, with a nil end lasting to the end of the run.
  struct Window {
    /// The target's dense index: a node's for crashes, stragglers and byzantine validators, a
    /// link's for link-downs.
    var target: Int
    var start: SimDuration
    var end: SimDuration?
    /// The fault's index in the `faults` list.
    var entry: Int
  }

  /// Fails when two crashes of one node, two link-downs of one link, two straggler windows of
  /// one node, or two byzantine windows of one validator overlap, at the start field (`at`, `from`) of the one listed later, naming the
  /// earlier one's index. With several overlaps, the pair reported is one whose later entry comes
  /// first in the list among the pairs each kind's sweep finds.
  /// - Complexity: O(n log n) in the faults.
  static func checkOverlaps(
    _ faults: [Fault], items: [JSONValue], in scenario: ObjectReader, topology: Topology
  ) throws(ScenarioError) {
    var crashes: [Window] = []
    var linkDowns: [Window] = []
    var stragglers: [Window] = []
    var byzantines: [Window] = []
    for (entry, fault) in faults.enumerated() {
      switch fault {
      case .crash(let node, _, _):
        crashes.append(Window(target: node.index, start: fault.start, end: fault.end, entry: entry))
      case .linkDown(let link, _, _):
        linkDowns.append(
          Window(target: link.index, start: fault.start, end: fault.end, entry: entry))
      case .straggler(let node, _, _, _):
        stragglers.append(
          Window(target: node.index, start: fault.start, end: fault.end, entry: entry))
      case .byzantineValidator(let node, _, _, _):
        byzantines.append(
          Window(target: node.index, start: fault.start, end: fault.end, entry: entry))
      case .partition, .loss, .random, .availability:
        continue
      }
    }
    let overlaps = [crashes, linkDowns, stragglers, byzantines].compactMap(firstOverlap)
    guard let overlap = overlaps.min(by: { ($0.later, $0.earlier) < ($1.later, $1.earlier) })
    else { return }
    let earlier = faults[overlap.earlier]
    let later = faults[overlap.later]
    let (kind, entry) = try reader(for: items[overlap.later], index: overlap.later, in: scenario)
    let start = kind == .straggler ? Schema.from : Schema.at
    let other = "faults[\(overlap.earlier)]"
    let what: String
    switch later {
    case .crash(let node, _, _):
      what = "a crash of `\(topology.nodes[node.index].name)` while it is up: \(other) crashes it"
    case .linkDown(let link, _, _):
      what =
        "a linkDown of `\(topology.links[link.index].name)` while it is up: \(other) takes it down"
    case .straggler(let node, _, _, _):
      what =
        "a straggler window of `\(topology.nodes[node.index].name)` that overlaps no other: "
        + "\(other) slows it"
    case .byzantineValidator(let node, _, _, _):
      let conduct: String
      if case .byzantineValidator(_, let earlierConduct, _, _) = earlier {
        conduct = earlierConduct.rawValue
      } else {
        preconditionFailure("FaultDecoder: a byzantine window overlaps a \(earlier.kind) fault")
      }
      what =
        "a byzantine window of `\(topology.nodes[node.index].name)` while it is already "
        + "byzantine: \(other) makes it \(conduct)"
    case .partition, .loss, .random, .availability:
      preconditionFailure("FaultDecoder: \(later.kind) faults have no exclusive window")
    }
    throw entry.violation(
      start, value: entry.member(start.name)?.excerpt ?? "\"\(later.start)\"",
      accepted:
        "\(what) \(span(earlier)), and this one is \(span(later)); move or shorten one of them")
  }

  /// An overlapping pair of `windows` as list indices, or nil when no two windows of one target
  /// overlap.
  ///
  /// Sorted by (target, start, entry), a window overlaps an earlier-starting one of its target
  /// exactly when it starts before the furthest end reached so far, so the sweep flags every
  /// window that overlaps another, each paired with the window that reached furthest; of those
  /// pairs it returns the one whose later-listed entry comes first.
  /// - Complexity: O(n log n).
  static func firstOverlap(_ windows: [Window]) -> (earlier: Int, later: Int)? {
    let sorted = windows.sorted {
      ($0.target, $0.start, $0.entry) < ($1.target, $1.start, $1.entry)
    }
    var found: (earlier: Int, later: Int)?
    var reach: Window?
    for window in sorted {
      if let current = reach, current.target == window.target {
        if current.end.map({ window.start < $0 }) ?? true {
          let pair = (
            earlier: min(current.entry, window.entry), later: max(current.entry, window.entry)
          )
          if found.map({ (pair.later, pair.earlier) < ($0.later, $0.earlier) }) ?? true {
            found = pair
          }
        }
        if let end = current.end, window.end.map({ $0 > end }) ?? true { reach = window }
      } else {
        reach = window
      }
    }
    return found
  }

  /// "from 30s to 50s", or "from 30s to the end of the run".
  private static func span(_ fault: Fault) -> String {
    "from \(fault.start) to \(fault.end.map { "\($0)" } ?? "the end of the run")"
  }
}
