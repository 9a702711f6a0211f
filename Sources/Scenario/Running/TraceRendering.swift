import Platform
import Schemes
import SimCore
import Traces

/// Renders a run's records as the CSV files of `TraceSchema`.
enum TraceRendering {
  static func optional(_ value: Double?) -> String { value.map(CSVTable.format) ?? "" }

  static func summary(_ summaries: [RunSummary], context: TraceContext, endTime: SimInstant)
    -> String
  {
    var table = CSVTable(columns: TraceSchema.summary)
    for s in summaries {
      let known = TraceSchema.summaryLinkClasses
      let classBytes = known.map { linkClass in
        s.linkBytesByClass.first { $0.linkClass == linkClass }?.bytes ?? 0
      }
      let other = s.linkBytesByClass.filter { !known.contains($0.linkClass) }.reduce(0) {
        $0 + $1.bytes
      }
      table.append(
        [
          String(endTime.nanosecondsSinceStart), String(s.run), String(s.seed), s.scenario,
          s.scheme, String(s.rounds),
          String(s.totalTime.nanoseconds), String(s.messages), String(s.messageBytes),
        ]
          + classBytes.map(String.init)
          + [
            String(other), "0", "0", optional(s.finalAccuracy), optional(s.bestAccuracy),
            optional(s.finalLoss), "0",
            String(s.events),
          ])
    }
    return table.rendered
  }

  static func rounds(_ records: [RoundRecord], context: TraceContext) -> String {
    var table = CSVTable(columns: TraceSchema.rounds)
    for r in records {
      table.append(
        [String(r.end.nanosecondsSinceStart)] + context.prefix
          + [
            r.scheme, String(r.round), String(r.start.nanosecondsSinceStart),
            String(r.end.nanosecondsSinceStart),
            String(r.selected), String(r.reported), String(r.download.nanoseconds),
            String(r.compute.nanoseconds),
            String(r.upload.nanoseconds), String(r.aggregation.nanoseconds),
            String(r.bytesDown.bytes),
            String(r.bytesUp.bytes), optional(r.accuracy), optional(r.loss),
          ])
    }
    return table.rendered
  }

  static func transfers(_ records: [TransferRecord], topology: Topology, context: TraceContext)
    -> String
  {
    var table = CSVTable(columns: TraceSchema.transfers)
    for t in records {
      table.append(
        [String(t.finish.nanosecondsSinceStart)] + context.prefix
          + [
            String(t.flow.index), topology.nodes[t.source.index].name,
            topology.nodes[t.destination.index].name,
            String(t.size.bytes), String(t.start.nanosecondsSinceStart),
            String(t.finish.nanosecondsSinceStart),
            t.kind, String(t.hops), t.isLost ? "1" : "0",
          ])
    }
    return table.rendered
  }

  static func tasks(
    _ records: [ComputeCluster.TaskRecord], topology: Topology, context: TraceContext
  ) -> String {
    var table = CSVTable(columns: TraceSchema.tasks)
    for t in records {
      table.append(
        [String(t.finished.nanosecondsSinceStart)] + context.prefix
          + [
            topology.nodes[t.node.index].name, t.label, String(t.submitted.nanosecondsSinceStart),
            String(t.started.nanosecondsSinceStart), String(t.finished.nanosecondsSinceStart),
            String(t.work.floatingPointOperations), String(t.work.limbMultiplications),
            String(t.work.bytesHashed),
            String(t.work.bytesCiphered), String(t.work.curveScalarMultiplications),
          ])
    }
    return table.rendered
  }

  static func links(
    _ channelBytes: [Int64], topology: Topology, context: TraceContext, endTime: SimInstant
  ) -> String {
    var table = CSVTable(columns: TraceSchema.links)
    for link in topology.links {
      for isAToB in [true, false] {
        let channel = Channel(link: link.id, isAToB: isAToB)
        let (from, to) = isAToB ? (link.a, link.b) : (link.b, link.a)
        table.append(
          [String(endTime.nanosecondsSinceStart)] + context.prefix
            + [
              link.name, topology.nodes[from.index].name, topology.nodes[to.index].name,
              link.linkClass,
              String(link.latency.nanoseconds),
              String(topology.bandwidth(of: channel).bitsPerSecond),
              String(channelBytes[channel.index]),
            ])
      }
    }
    return table.rendered
  }
}
