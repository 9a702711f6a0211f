import Faults
import Ledger
import Platform
import Schemes
import SimCore
import Traces

/// Draws a run's records as a `Timeline` (`fedchain run|compare --timeline FILE.json`): what
/// each node computed, sent and received, the rounds, the blocks and the faults, in simulated
/// time, for Perfetto (ui.perfetto.dev) or `chrome://tracing`.
///
/// **Processes.** One per node shown and scheme, named `<scheme>: <node> (<roles>)`, e.g.
/// `bcfl: e0 (edge, validator)`. Nodes are ordered servers, validators, edges, storage, clients,
/// routers (by a node's first role in that order, then topology order), and a paired run's two
/// schemes never share a process: scheme k of the run (0 the vanilla twin, 1 the blockchain
/// scheme; 0 for a single run) has pids `k × S + 1 … k × S + n` for its n nodes in that order,
/// where S is the smallest power of ten above n (`otherData.pid_stride`). So pid 1 is the first
/// server of the first scheme, and a pid names the same node in every run of a scenario,
/// whatever the selection.
///
/// **Tracks of a node**, in this order (only those it uses):
/// - `rounds` (the workload's server): each FL round as a slice from its start to its end, the
///   phases, selection and accuracy as arguments; one slice per `rounds.csv` row.
/// - `blocks` (a validator): an instant when it made a block (`blocks.csv`'s `created_ns`);
///   sealing and validating a block are tasks (`seal-block`, `validate-block`) on its compute
///   tracks.
/// - `faults`: an instant when a fault hit the node or a link of it, and when it recovered
///   (`crash injected`, `link-down recovered`); a partition marks every node it cuts off.
/// - `compute 1…k`: each task from getting a core to ending (`tasks.csv`'s `start_ns` to
///   `finish_ns`); one lane per core busy at once. Ledger work has category `chain`, the rest
///   `compute`; a task lost to a crash is named `… (lost)`.
/// - `send 1…k`: each message the node sent, from its start to its arrival (or loss), one lane
///   per message in flight at once, named `<kind> → <receiver>`.
/// - `receive`: the arrival of each message, an empty slice named `<kind> ← <sender>`, which an
///   arrow joins to the sender's slice (a flow, drawn from the end of the sending slice, i.e. the
///   instant of arrival). A lost message has no arrival and no arrow.
///
/// Arguments keep the CSV traces' column names and units (`*_ns` integer nanoseconds, `bytes`,
/// `flop`, …), so a slice can be looked up in its file.
enum TimelineRendering {
  /// The kinds of track, in the order a node shows them.
  static let tracks = ["rounds", "blocks", "faults", "compute", "send", "receive"]

  /// Task labels of the ledger's own work, drawn with category `chain`.
  static let chainTasks: Set<String> = [
    "seal-block", "validate-block", "execute-block", "admit-transaction", "sign-vote",
    "verify-vote",
  ]

  /// The timeline of `results` (one scheme, or the vanilla twin then the blockchain scheme) as
  /// trace-event JSON, showing what `options.timeline` selects.
  static func render(
    _ results: [SchemeRun], spec: ScenarioSpec, seed: UInt64, options: Experiment.Options
  ) -> String {
    let selection = options.timeline ?? TimelineSelection()
    let topology = spec.topology
    let order = displayOrder(topology)
    let stride = pidStride(nodeCount: topology.nodes.count)
    var timeline = Timeline(tracks: tracks)
    var nextFlow: UInt64 = 1
    for (schemeIndex, result) in results.enumerated() {
      // The process of each shown node, by node index.
      var processes = [Timeline.Process?](repeating: nil, count: topology.nodes.count)
      for (position, node) in order.enumerated() where selection.includes(node.id) {
        processes[node.id.index] = timeline.addProcess(
          name: processName(node, scheme: result.scheme),
          pid: schemeIndex * stride + position + 1)
      }
      // Consumed, not copied: the drawing appends to the same storage.
      var drawing = Drawing(
        timeline: consume timeline, processes: processes, selection: selection,
        topology: topology)
      if case .fedavg(let fedavg) = spec.workload {
        drawing.rounds(result.rounds, server: fedavg.server)
        if let chain = result.chain, let validators = fedavg.chain?.validators {
          drawing.blocks(chain, validators: validators)
        }
      }
      drawing.faults(result.faults)
      if let recorder = result.timeline {
        drawing.tasks(recorder.tasks)
        drawing.transfers(recorder, nextFlow: &nextFlow)
      }
      timeline = drawing.timeline
    }
    return timeline.rendered(
      otherData: otherData(
        results, spec: spec, seed: seed, options: options, selection: selection, stride: stride))
  }

  /// Nodes in the order their processes are numbered: by their first role in the order server,
  /// validator, edge, storage, client, router (no role last), then by topology order.
  static func displayOrder(_ topology: Topology) -> [Node] {
    let roleOrder: [NodeRole] = [.server, .validator, .edge, .storage, .client, .router]
    func rank(_ node: Node) -> Int {
      roleOrder.firstIndex(where: node.has) ?? roleOrder.count
    }
    return topology.nodes.sorted { (rank($0), $0.id.index) < (rank($1), $1.id.index) }
  }

  /// The smallest power of ten above `nodeCount`: the pid distance between a paired run's
  /// schemes.
  static func pidStride(nodeCount: Int) -> Int {
    var stride = 10
    while stride <= nodeCount { stride *= 10 }
    return stride
  }

  static func processName(_ node: Node, scheme: String) -> String {
    let roles = node.roles.map(\.rawValue).joined(separator: ", ")
    return "\(scheme): \(node.name)" + (roles.isEmpty ? "" : " (\(roles))")
  }

  private static func otherData(
    _ results: [SchemeRun], spec: ScenarioSpec, seed: UInt64, options: Experiment.Options,
    selection: TimelineSelection, stride: Int
  ) -> [(String, JSONValue)] {
    var members: [(String, JSONValue)] = [
      ("tool", .string("fedchain")),
      ("version", .string(Experiment.toolVersion)),
      ("scenario", .string(spec.name)),
      ("seed", .integer(seed)),
      ("run", .integer(options.run)),
      ("schemes", .array(results.map { .string($0.scheme) })),
      ("pid_stride", .integer(stride)),
      ("time", .string("simulated; ts and dur in microseconds from the start of the run")),
      ("nodes", .string(selection.nodesText ?? "all")),
      ("window", .string(selection.windowText ?? "all")),
    ]
    if let commit = options.gitCommit { members.append(("git_commit", .string(commit))) }
    return members
  }
}
