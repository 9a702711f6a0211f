/// The report of one run folder: a single run, or a compared pair (`fedavg`, the chain scheme and
/// their ratio row in `summary.csv`).
///
/// Every file is read and checked when the value is made, before anything is drawn, so a bad
/// trace fails with one message and no page. `summary.csv` and `manifest.json` are needed; each
/// other trace gives its figure when present, and its absence is a note on the page: a run may
/// write fewer traces (`--traces`), and a kept folder may have lost its big ones (the reference
/// folders keep `rounds.csv` and `summary.csv` only). What the page holds: the summary table,
/// the figures, the scenario as run (the manifest's `scenario_source`) and the manifest's other
/// members.
struct RunReport {
  /// The phase columns of `rounds.csv`, in the order a round goes through them.
  static let phases = [
    "download_ns", "compute_ns", "upload_ns", "inclusion_ns", "confirmation_ns", "aggregation_ns",
  ]

  /// One row of `rounds.csv`.
  struct Round {
    var scheme: String
    var round: Int64
    var startNanoseconds: Int64
    var endNanoseconds: Int64
    /// One duration per `phases` column.
    var phaseNanoseconds: [Int64]
    var accuracy: Double?
  }

  /// One row of `blocks.csv`.
  struct Block {
    var scheme: String
    var height: Int64
    var createdNanoseconds: Int64
    var transactions: Int64
    var bytes: Int64
    var proposer: String
    var isCanonical: Bool
  }

  /// A fault's window: from its `injected` to its `recovered` event, or to the run's end.
  struct FaultWindow {
    var scheme: String
    var fault: Int64
    var kind: String
    var target: String
    var startNanoseconds: Int64
    /// Nil when the run ended with the fault still on.
    var endNanoseconds: Int64?
  }

  let folder: ReportFolder
  let manifest: JSONValue
  let summary: ReportTable
  /// The schemes run, in `summary.csv` order, then any other a trace names.
  private(set) var schemes: [String] = []
  var rounds: [Round]?
  /// `(scheme, round, fate)` per row of `updates.csv`.
  var updates: [(scheme: String, round: Int64, fate: String)]?
  /// Bytes per scheme and link class in `links.csv`, in order of first appearance.
  var links: [(scheme: String, category: String, bytes: Int64)]?
  /// Bytes per scheme and message kind in `transfers.csv`, in order of first appearance.
  var transfers: [(scheme: String, category: String, bytes: Int64)]?
  /// Why `transfers.csv` was left out although present (too large), for a note.
  var transfersNote: String?
  var blocks: [Block]?
  var faults: [FaultWindow]?
  /// The last instant any trace mentions: the right end of the time axes.
  private(set) var endNanoseconds: Int64 = 0
  /// The last instant the traces mention for each of `schemes`: where a fault still on at the
  /// end of that scheme's run stops.
  private var schemeEndNanoseconds: [Int64] = []

  /// The largest `transfers.csv` read for the traffic by message kind; a bigger one (a run of
  /// many clients) is left out with a note rather than read whole into memory.
  static let transfersLimitBytes: Int64 = 64 << 20

  /// Reads and checks the run folder's files.
  /// - Throws: `ReportError` naming the first problem.
  init(folder: ReportFolder) throws(ReportError) {
    self.folder = folder
    manifest = try folder.fedchainJSON(
      "manifest.json", hint: "a run folder holds the manifest.json fedchain writes with it")
    let summaryText = try folder.read(
      "summary.csv",
      hint: "a report needs the run's summary; run again with --traces all, or a list with "
        + "summary")
    summary = try ReportTable(
      path: folder.file("summary.csv"), text: summaryText, required: ["scheme"],
      schema: TraceSchema.summary)
    try checkSummary()
    for row in summary.rows.indices {
      let scheme = try summary.nonEmpty(row, "scheme", meaning: "a scheme name")
      if !scheme.contains("/") { note(scheme) }
    }
    try readRounds()
    try readUpdates()
    try readTraffic()
    try readBlocks()
    try readFaults()
  }

  /// The summary's metric columns (those after `scheme`) hold numbers or nothing.
  private func checkSummary() throws(ReportError) {
    guard let schemeIndex = summary.header.firstIndex(of: "scheme") else { return }
    for row in summary.rows.indices {
      for column in summary.header[(schemeIndex + 1)...] {
        _ = try summary.optionalNumber(row, column)
      }
    }
  }

  /// Adds `scheme` to the list if it is new.
  private mutating func note(_ scheme: String) {
    if !schemes.contains(scheme) {
      schemes.append(scheme)
      schemeEndNanoseconds.append(0)
    }
  }

  /// Moves the end of the time axes, and of `scheme`'s run, to `nanoseconds` if later.
  private mutating func reach(_ nanoseconds: Int64, by scheme: String) {
    endNanoseconds = max(endNanoseconds, nanoseconds)
    if let index = schemes.firstIndex(of: scheme) {
      schemeEndNanoseconds[index] = max(schemeEndNanoseconds[index], nanoseconds)
    }
  }

  /// Where `window` ends: its recovery, or the end of its scheme's run.
  func end(of window: FaultWindow) -> Int64 {
    window.endNanoseconds
      ?? schemes.firstIndex(of: window.scheme).map { schemeEndNanoseconds[$0] } ?? endNanoseconds
  }

  /// The table `name`, or nil when the folder does not hold it.
  func table(_ name: String, required: [String], schema: [String]) throws(ReportError)
    -> ReportTable?
  {
    guard let text = try folder.readIfPresent(name) else { return nil }
    return try ReportTable(
      path: folder.file(name), text: text, required: required, schema: schema)
  }

  // MARK: - Reading the traces

  private mutating func readRounds() throws(ReportError) {
    // Phases and accuracy may be missing: traces of older fedchains have no inclusion or
    // confirmation (`traces/reference/mnist-2nn`), and a phase absent is drawn as 0.
    let required = ["scheme", "round", "start_ns", "end_ns"]
    guard let table = try table("rounds.csv", required: required, schema: TraceSchema.rounds)
    else { return }
    let hasAccuracy = table.has("accuracy")
    var rounds: [Round] = []
    for row in table.rows.indices {
      let scheme = try table.nonEmpty(row, "scheme", meaning: "a scheme name")
      note(scheme)
      let start = try table.integer(row, "start_ns", meaning: "nanoseconds")
      let end = try table.integer(
        row, "end_ns", minimum: start, meaning: "nanoseconds from start_ns")
      var phases: [Int64] = []
      var total: Int64 = 0
      for phase in Self.phases {
        phases.append(table.has(phase) ? try table.integer(row, phase, meaning: "nanoseconds") : 0)
        // A bar stacks the phases: their sum must be a time too.
        let overflow: Bool
        (total, overflow) = total.addingReportingOverflow(phases[phases.count - 1])
        if overflow {
          throw table.bad(
            row, phase, table.text(row, phase),
            "nanoseconds whose sum over the phases stays below 2⁶³")
        }
      }
      rounds.append(
        Round(
          scheme: scheme, round: try table.integer(row, "round", minimum: 1),
          startNanoseconds: start, endNanoseconds: end, phaseNanoseconds: phases,
          accuracy: hasAccuracy ? try table.optionalNumber(row, "accuracy") : nil))
      reach(end, by: scheme)
    }
    self.rounds = rounds
  }

  private mutating func readUpdates() throws(ReportError) {
    guard
      let table = try table(
        "updates.csv", required: ["scheme", "round", "fate"], schema: TraceSchema.updates)
    else { return }
    var updates: [(scheme: String, round: Int64, fate: String)] = []
    for row in table.rows.indices {
      let scheme = try table.nonEmpty(row, "scheme", meaning: "a scheme name")
      note(scheme)
      updates.append(
        (
          scheme, try table.integer(row, "round", minimum: 1),
          try table.nonEmpty(row, "fate", meaning: "a fate: " + Self.fates.joined(separator: ", "))
        ))
    }
    self.updates = updates
  }

  private mutating func readTraffic() throws(ReportError) {
    if let table = try table(
      "links.csv", required: ["scheme", "class", "bytes"], schema: TraceSchema.links)
    {
      links = try byteTotals(table, by: "class", meaning: "a link class")
    }
    if let size = try folder.size("transfers.csv"), size > Self.transfersLimitBytes {
      transfersNote =
        "transfers.csv is larger than \(Self.transfersLimitBytes >> 20) MiB; the traffic by "
        + "message kind is not drawn."
      return
    }
    if let table = try table(
      "transfers.csv", required: ["scheme", "kind", "bytes"], schema: TraceSchema.transfers)
    {
      transfers = try byteTotals(table, by: "kind", meaning: "a message kind")
    }
  }

  /// The `bytes` column summed per scheme and `column` value, in order of first appearance.
  /// - Throws: `.badValue` for a bad field, or a byte count that takes its sum past 2⁶³ − 1.
  private mutating func byteTotals(_ table: ReportTable, by column: String, meaning: String)
    throws(ReportError) -> [(scheme: String, category: String, bytes: Int64)]
  {
    var totals: [(scheme: String, category: String, bytes: Int64)] = []
    for row in table.rows.indices {
      let scheme = try table.nonEmpty(row, "scheme", meaning: "a scheme name")
      note(scheme)
      let category = try table.nonEmpty(row, column, meaning: meaning)
      let bytes = try table.integer(row, "bytes")
      guard let index = totals.firstIndex(where: { $0.scheme == scheme && $0.category == category })
      else {
        totals.append((scheme, category, bytes))
        continue
      }
      let (sum, overflow) = totals[index].bytes.addingReportingOverflow(bytes)
      if overflow {
        throw table.bad(
          row, "bytes", table.text(row, "bytes"), "byte counts whose sum stays below 2⁶³")
      }
      totals[index].bytes = sum
    }
    return totals
  }

  private mutating func readBlocks() throws(ReportError) {
    let required = [
      "scheme", "height", "created_ns", "transactions", "bytes", "proposer", "canonical",
    ]
    guard let table = try table("blocks.csv", required: required, schema: TraceSchema.blocks)
    else { return }
    var blocks: [Block] = []
    for row in table.rows.indices {
      let scheme = try table.nonEmpty(row, "scheme", meaning: "a scheme name")
      note(scheme)
      let created = try table.integer(row, "created_ns", meaning: "nanoseconds")
      blocks.append(
        Block(
          scheme: scheme, height: try table.integer(row, "height"),
          createdNanoseconds: created, transactions: try table.integer(row, "transactions"),
          bytes: try table.integer(row, "bytes"), proposer: table.text(row, "proposer"),
          isCanonical: try table.oneOf(row, "canonical", ["0", "1"]) == "1"))
      reach(created, by: scheme)
    }
    self.blocks = blocks
  }

  private mutating func readFaults() throws(ReportError) {
    let required = ["time_ns", "scheme", "fault", "kind", "target", "event"]
    guard let table = try table("faults.csv", required: required, schema: TraceSchema.faults)
    else { return }
    var windows: [FaultWindow] = []
    // Windows still open, by scheme, fault and target (a linear search: faults are few).
    var open: [Int] = []
    for row in table.rows.indices {
      let scheme = try table.nonEmpty(row, "scheme", meaning: "a scheme name")
      note(scheme)
      let time = try table.integer(row, "time_ns", meaning: "nanoseconds")
      let fault = try table.integer(row, "fault", meaning: "the fault's index in the scenario")
      let kind = try table.nonEmpty(row, "kind", meaning: "a fault kind")
      let target = table.text(row, "target")
      let event = try table.oneOf(row, "event", ["injected", "recovered"])
      reach(time, by: scheme)
      let same = open.lastIndex {
        windows[$0].scheme == scheme && windows[$0].fault == fault && windows[$0].target == target
      }
      if event == "injected" {
        open.append(windows.count)
        windows.append(
          FaultWindow(
            scheme: scheme, fault: fault, kind: kind, target: target, startNanoseconds: time))
      } else if let same {
        windows[open[same]].endNanoseconds = time
        open.remove(at: same)
      } else {
        // Recovered without being injected in the trace: on from the start (an availability
        // trace that begins with its node down).
        windows.append(
          FaultWindow(
            scheme: scheme, fault: fault, kind: kind, target: target, startNanoseconds: 0,
            endNanoseconds: time))
      }
    }
    self.faults = windows
  }
}
