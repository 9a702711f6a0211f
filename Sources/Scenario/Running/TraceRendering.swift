import Faults
import Platform
import Schemes
import SimCore
import Traces

/// Renders a run's records as the CSV files of `TraceSchema`.
enum TraceRendering {
  static func optional(_ value: Double?) -> String { value.map(CSVTable.format) ?? "" }

  /// The summary rows; two summaries (a vanilla run, then its blockchain twin) add the ratio row.
  /// When either completed no round, the ratios would compare a run with one that did not
  /// happen: the ratio row is written with its numeric columns empty.
  static func summary(_ summaries: [RunSummary], context: TraceContext, endTime: SimInstant)
    -> String
  {
    var table = CSVTable(columns: TraceSchema.summary)
    let rows = summaries.map(summaryFields)
    for (s, fields) in zip(summaries, rows) {
      table.append([String(endTime.nanosecondsSinceStart), String(s.run), String(s.seed)] + fields)
    }
    if summaries.count == 2 {
      let (vanilla, blockchain) = (rows[0], rows[1])
      let isComparable = summaries.allSatisfy { $0.rounds > 0 }
      var ratio = [summaries[1].scenario, "\(summaries[1].scheme)/\(summaries[0].scheme)"]
      // Every numeric column after scenario and scheme becomes blockchain / vanilla, empty where
      // either is empty or the vanilla figure is zero.
      for (b, v) in zip(blockchain.dropFirst(2), vanilla.dropFirst(2)) {
        if isComparable, let x = Double(b), let y = Double(v), y != 0 {
          ratio.append(CSVTable.format(x / y))
        } else {
          ratio.append("")
        }
      }
      table.append(
        [
          String(endTime.nanosecondsSinceStart), String(summaries[1].run),
          String(summaries[1].seed),
        ]
          + ratio)
    }
    return table.rendered
  }

  /// A summary's fields after `time_ns,run,seed`.
  static func summaryFields(_ s: RunSummary) -> [String] {
    var groupBytes = [Int64](repeating: 0, count: TraceSchema.summaryLinkGroups.count)
    for (linkClass, bytes) in s.linkBytesByClass {
      let group = TraceSchema.summaryLinkGroup(of: linkClass)
      groupBytes[TraceSchema.summaryLinkGroups.firstIndex(of: group)!] += bytes
    }
    return [
      s.scenario, s.scheme, String(s.rounds), String(s.totalTime.nanoseconds),
      s.timeToTarget.map { String($0.nanoseconds) } ?? "", String(s.messages),
      String(s.messageBytes),
    ]
      + groupBytes.map(String.init)
      + [
        String(s.onChainBytes), String(s.gas), optional(s.finalAccuracy),
        optional(s.bestAccuracy), optional(s.finalLoss), optional(s.epsilon), String(s.faults),
        String(s.updatesLostToFaults), String(s.roundsWithoutQuorum), String(s.events),
      ]
  }

  static func rounds(_ records: [RoundRecord], context: TraceContext) -> String {
    var table = CSVTable(columns: TraceSchema.rounds)
    for r in records {
      table.append(
        [String(r.end.nanosecondsSinceStart)] + context.prefix
          + [
            r.scheme, String(r.round), String(r.start.nanosecondsSinceStart),
            String(r.end.nanosecondsSinceStart), String(r.selected), String(r.reported),
            String(r.download.nanoseconds), String(r.compute.nanoseconds),
            String(r.upload.nanoseconds), String(r.inclusion.nanoseconds),
            String(r.confirmation.nanoseconds), String(r.aggregation.nanoseconds),
            String(r.bytesDown.bytes), String(r.bytesUp.bytes), optional(r.accuracy),
            optional(r.loss), optional(r.epsilon),
          ])
    }
    return table.rendered
  }

  /// One row per update, clients by their topology names.
  static func appendUpdates(
    _ records: [UpdateRecord], scheme: String, topology: Topology, context: TraceContext,
    to table: inout CSVTable
  ) {
    for u in records {
      table.append(
        [String(u.decided.nanosecondsSinceStart)] + context.prefix
          + [
            scheme, String(u.round), topology.nodes[u.node.index].name, String(u.bytes.bytes),
            u.sent.map { String($0.nanosecondsSinceStart) } ?? "",
            u.arrived.map { String($0.nanosecondsSinceStart) } ?? "", u.fate.name, u.fate.reason,
            optional(u.score),
          ])
    }
  }

  /// One row per fault event: the fault's index in the scenario's list, its kind, what it hits
  /// (a node, a link, `+`-joined links, or a partition's groups joined by `|`), and whether it
  /// was injected or recovered from.
  static func appendFaults(
    _ records: [FaultRecord], scheme: String, topology: Topology, context: TraceContext,
    to table: inout CSVTable
  ) {
    func nodes(_ ids: [NodeID]) -> String {
      ids.map { topology.nodes[$0.index].name }.joined(separator: "+")
    }
    func links(_ ids: [LinkID]) -> String {
      ids.map { topology.links[$0.index].name }.joined(separator: "+")
    }
    for record in records {
      let target: String
      switch record.fault {
      case .crash(let node, _, _), .straggler(let node, _, _, _),
        .byzantineValidator(let node, _, _, _):
        target = nodes([node])
      case .linkDown(let link, _, _): target = links([link])
      case .loss(let ids, _, _, _): target = links(ids)
      case .partition(let groups, _, _): target = groups.map(nodes).joined(separator: "|")
      case .random, .availability:
        // The one node or link this row's change took down or brought up.
        switch record.element {
        case .node(let node)?: target = nodes([node])
        case .link(let link)?: target = links([link])
        case nil: target = ""
        }
      }
      table.append(
        [String(record.time.nanosecondsSinceStart)] + context.prefix
          + [
            scheme, String(record.index), record.fault.kind, target, record.event.rawValue,
            detail(of: record.fault),
          ])
    }
  }

  /// `faults.csv`'s `detail`: what, beyond its target and window, the fault says.
  static func detail(of fault: Fault) -> String {
    switch fault {
    case .crash, .linkDown, .partition: ""
    case .straggler(_, _, _, let slowdown): "slowdown=\(CSVTable.format(slowdown))"
    case .loss(_, _, _, let rate): "rate=\(CSVTable.format(rate))"
    case .byzantineValidator(_, let conduct, _, _): "conduct=\(conduct.rawValue)"
    case .random(let process):
      "mtbf=\(process.meanTimeBetweenFailures) mttr=\(process.meanTimeToRepair)"
    case .availability(let trace): trace.period.map { "period=\($0)" } ?? ""
    }
  }

  /// One row per client per round of `records`.
  static func appendReputation(
    _ records: [ReputationRecord], scheme: String, clients: [NodeID], topology: Topology,
    context: TraceContext, to table: inout CSVTable
  ) {
    for record in records {
      let book = record.book
      for (index, node) in clients.enumerated() {
        let client = ClientID(index)
        let evidence = book.evidence(of: client)
        table.append(
          [String(record.time.nanosecondsSinceStart)] + context.prefix
            + [
              scheme, String(record.round), topology.nodes[node.index].name,
              CSVTable.format(book.selfAssessment(of: client)), CSVTable.format(evidence.accepted),
              CSVTable.format(evidence.rejected), CSVTable.format(book.belief(of: client)),
              CSVTable.format(book.disbelief(of: client)),
              CSVTable.format(book.uncertainty(of: client)),
              CSVTable.format(book.reputation(of: client)),
            ])
      }
    }
  }

  /// One `transfers.csv` row (also streamed as the run goes): the message's kind (`model`,
  /// `update`, …, or `transfer` for a transfers workload's messages) and, for those, the
  /// scenario's transfer id.
  static func transferRow(
    _ t: TransferRecord, scheme: String, topology: Topology, context: TraceContext
  ) -> [String] {
    [String(t.finish.nanosecondsSinceStart)] + context.prefix
      + [
        scheme, String(t.flow.index), topology.nodes[t.source.index].name,
        topology.nodes[t.destination.index].name, String(t.size.bytes),
        String(t.start.nanosecondsSinceStart), String(t.finish.nanosecondsSinceStart),
        t.kind, t.transferID ?? "", String(t.hops), t.isLost ? "1" : "0",
      ]
  }

  /// One `tasks.csv` row (also streamed as the run goes).
  static func taskRow(
    _ t: ComputeCluster.TaskRecord, scheme: String, topology: Topology, context: TraceContext
  ) -> [String] {
    [String(t.finished.nanosecondsSinceStart)] + context.prefix
      + [
        scheme, topology.nodes[t.node.index].name, t.label,
        String(t.submitted.nanosecondsSinceStart), String(t.started.nanosecondsSinceStart),
        String(t.finished.nanosecondsSinceStart), String(t.work.floatingPointOperations),
        String(t.work.limbMultiplications), String(t.work.bytesHashed),
        String(t.work.bytesCiphered), String(t.work.curveScalarMultiplications),
        t.isLost ? "1" : "0",
      ]
  }

  static func appendLinks(
    _ channelBytes: [Int64], scheme: String, topology: Topology, context: TraceContext,
    endTime: SimInstant, to table: inout CSVTable
  ) {
    for link in topology.links {
      for isAToB in [true, false] {
        let channel = Channel(link: link.id, isAToB: isAToB)
        let (from, to) = isAToB ? (link.a, link.b) : (link.b, link.a)
        table.append(
          [String(endTime.nanosecondsSinceStart)] + context.prefix
            + [
              scheme, link.name, topology.nodes[from.index].name, topology.nodes[to.index].name,
              link.linkClass, String(link.latency.nanoseconds),
              String(topology.bandwidth(of: channel).bitsPerSecond),
              String(channelBytes[channel.index]),
            ])
      }
    }
  }

  /// One row per block, in production order; proposers by their topology names.
  static func appendBlocks(
    _ chain: ChainOutcome, scheme: String, names spec: ScenarioSpec, context: TraceContext,
    to table: inout CSVTable
  ) {
    guard case .fedavg(let fedavg) = spec.workload, let validators = fedavg.chain?.validators
    else { return }
    for (index, block) in chain.blocks.enumerated() {
      table.append(
        [String(block.created.nanosecondsSinceStart)] + context.prefix
          + [
            scheme, String(block.height), block.hash.digest.description,
            spec.topology.nodes[validators[block.proposer.index].index].name,
            String(block.created.nanosecondsSinceStart), String(block.transactionCount),
            String(block.byteCount), String(block.gas),
            chain.executionGas[index].map(String.init) ?? "", chain.isCanonical[index] ? "1" : "0",
          ])
    }
  }
}
