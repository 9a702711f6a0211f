import Faults
import Ledger
import Platform
import Schemes
import SimCore
import Traces

extension TimelineRendering {
  /// Adds one scheme's records to a timeline: each kind of record on its track of the nodes
  /// shown, kept when it meets the selection's window (see `TimelineRendering` for the layout).
  struct Drawing {
    var timeline: Timeline
    /// The process of each shown node, by node index; nil for a node not shown.
    let processes: [Timeline.Process?]
    let selection: TimelineSelection
    let topology: Topology

    private func name(_ node: NodeID) -> String { topology.nodes[node.index].name }

    /// One slice per round on the server's `rounds` track; arguments as in `rounds.csv`.
    mutating func rounds(_ records: [RoundRecord], server: NodeID) {
      guard let process = processes[server.index] else { return }
      for r in records where selection.overlaps(from: r.start, to: r.end) {
        var args: [(String, JSONValue)] = [
          ("selected", .integer(r.selected)), ("reported", .integer(r.reported)),
          ("download_ns", .integer(r.download.nanoseconds)),
          ("compute_ns", .integer(r.compute.nanoseconds)),
          ("upload_ns", .integer(r.upload.nanoseconds)),
          ("inclusion_ns", .integer(r.inclusion.nanoseconds)),
          ("confirmation_ns", .integer(r.confirmation.nanoseconds)),
          ("aggregation_ns", .integer(r.aggregation.nanoseconds)),
          ("bytes_down", .integer(r.bytesDown.bytes)), ("bytes_up", .integer(r.bytesUp.bytes)),
        ]
        if let accuracy = r.accuracy { args.append(("accuracy", .double(accuracy))) }
        if let loss = r.loss { args.append(("loss", .double(loss))) }
        if let epsilon = r.epsilon { args.append(("epsilon", .double(epsilon))) }
        timeline.addSlice(
          "round \(r.round)", category: "round", in: process, track: "rounds", from: r.start,
          to: r.end, args: args)
      }
    }

    /// One instant per block, when its proposer made it, on the proposer's `blocks` track.
    mutating func blocks(_ chain: ChainOutcome, validators: [NodeID]) {
      for (index, block) in chain.blocks.enumerated() {
        guard let process = processes[validators[block.proposer.index].index],
          selection.contains(block.created)
        else { continue }
        var args: [(String, JSONValue)] = [
          ("height", .integer(block.height)), ("hash", .string(block.hash.digest.description)),
          ("transactions", .integer(block.transactionCount)), ("bytes", .integer(block.byteCount)),
          ("intrinsic_gas", .integer(block.gas)),
        ]
        if let gas = chain.executionGas[index] { args.append(("execution_gas", .integer(gas))) }
        args.append(("canonical", .bool(chain.isCanonical[index])))
        timeline.addInstant(
          "block \(block.height)", category: "block", in: process, track: "blocks",
          at: block.created, args: args)
      }
    }

    /// One instant per fault event on the `faults` track of every shown node it hits.
    mutating func faults(_ records: [FaultRecord]) {
      for record in records where selection.contains(record.time) {
        var args: [(String, JSONValue)] = [("fault", .integer(record.index))]
        let links = linksHit(by: record)
        if !links.isEmpty {
          args.append(
            ("links", .string(links.map { topology.links[$0.index].name }.joined(separator: "+"))))
        }
        let detail = TraceRendering.detail(of: record.fault)
        if !detail.isEmpty { args.append(("detail", .string(detail))) }
        for node in nodesHit(by: record) {
          guard let process = processes[node.index] else { continue }
          timeline.addInstant(
            "\(record.fault.kind) \(record.event.rawValue)", category: "fault", in: process,
            track: "faults", at: record.time, args: args)
        }
      }
    }

    /// The links a fault event acts on (none for a node's fault).
    func linksHit(by record: FaultRecord) -> [LinkID] {
      switch record.fault {
      case .linkDown(let link, _, _): [link]
      case .loss(let links, _, _, _): links
      case .random, .availability:
        if case .link(let link)? = record.element { [link] } else { [] }
      case .crash, .straggler, .byzantineValidator, .partition: []
      }
    }

    /// The nodes a fault event hits, in topology order: its node, the ends of its links, or
    /// every node a partition names.
    func nodesHit(by record: FaultRecord) -> [NodeID] {
      var nodes: [NodeID]
      switch record.fault {
      case .crash(let node, _, _), .straggler(let node, _, _, _),
        .byzantineValidator(let node, _, _, _):
        nodes = [node]
      case .partition(let groups, _, _): nodes = groups.flatMap { $0 }
      case .random, .availability:
        if case .node(let node)? = record.element { nodes = [node] } else { nodes = [] }
      case .linkDown, .loss: nodes = []
      }
      for link in linksHit(by: record) {
        nodes += [topology.links[link.index].a, topology.links[link.index].b]
      }
      return Array(Set(nodes)).sorted { $0.index < $1.index }
    }

    /// One slice per task on its node's `compute` tracks (the recorder kept only shown ones);
    /// its work as in `tasks.csv`, nonzero amounts only.
    mutating func tasks(_ records: [ComputeCluster.TaskRecord]) {
      for task in records {
        guard let process = processes[task.node.index] else { continue }
        var args: [(String, JSONValue)] = [
          ("submitted_ns", .integer(task.submitted.nanosecondsSinceStart))
        ]
        let work = task.work
        for (key, amount) in [
          ("flop", work.floatingPointOperations), ("limb_mul", work.limbMultiplications),
          ("hashed_bytes", work.bytesHashed), ("ciphered_bytes", work.bytesCiphered),
          ("curve_mul", work.curveScalarMultiplications),
        ] where amount != 0 {
          args.append((key, .integer(amount)))
        }
        timeline.addSlice(
          task.isLost ? task.label + " (lost)" : task.label,
          category: chainTasks.contains(task.label) ? "chain" : "compute", in: process,
          track: "compute", from: task.started, to: task.finished, args: args)
      }
    }

    /// Per message: the sender's slice on its `send` tracks and the arrival on the receiver's
    /// `receive` track, joined by flow `nextFlow` (then advanced) when both are shown.
    mutating func transfers(_ recorder: TimelineRecorder, nextFlow: inout UInt64) {
      for transfer in recorder.transfers {
        let flow = nextFlow
        nextFlow += 1
        var args: [(String, JSONValue)] = [
          ("bytes", .integer(transfer.size.bytes)), ("hops", .integer(transfer.hops)),
          ("flow", .integer(transfer.flow.index)),
        ]
        if let id = transfer.transferID { args.append(("transfer", .string(id))) }
        if recorder.shows(sending: transfer), let process = processes[transfer.source.index] {
          let lost = transfer.isLost ? " (lost)" : ""
          timeline.addSlice(
            "\(transfer.kind) → \(name(transfer.destination))\(lost)", category: "message",
            in: process, track: "send", from: transfer.start, to: transfer.finish, args: args,
            flow: transfer.isLost ? nil : .outgoing(flow))
        }
        if recorder.shows(arrival: transfer), let process = processes[transfer.destination.index] {
          timeline.addSlice(
            "\(transfer.kind) ← \(name(transfer.source))", category: "message", in: process,
            track: "receive", from: transfer.finish, to: transfer.finish, args: args,
            flow: .incoming(flow))
        }
      }
    }
  }
}
