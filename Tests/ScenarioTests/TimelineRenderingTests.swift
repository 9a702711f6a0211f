import Foundation
import Platform
import SimCore
import Testing
import Traces

@testable import Scenario

/// A run's timeline (`--timeline`): valid trace-event JSON whose events are the run's own trace
/// rows, one per row, filtered as asked, the same bytes on every run, streamed or not.
struct TimelineRenderingTests {
  /// The small default scenario (3 rounds, MLP), with or without its chain.
  private func small(chain: Bool) throws -> ScenarioSpec {
    try ExperimentTests.smallDefault(chain: chain)
  }

  private func options(_ selection: TimelineSelection = TimelineSelection()) -> Experiment.Options {
    var options = Experiment.Options()
    options.timeline = selection
    return options
  }

  /// The data rows of `name` as dictionaries keyed by its header.
  private func rows(_ name: String, of output: Experiment.Output) -> [[String: String]] {
    let table = BlockchainComparisonTests.rows(name, of: output)
    return table.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(table[0], $0)) }
  }

  @Test func pairedDefaultRunHasOneEventPerTraceRow() throws {
    let output = try Experiment.compare(try small(chain: true), options: options())
    let timeline = try ParsedTimeline(try #require(output.timeline))
    timeline.checkSchemaNestingAndFlows()
    let transfers = rows("transfers.csv", of: output)
    let delivered = transfers.filter { $0["lost"] == "0" }.count
    // Every tasks.csv row is a compute slice (category compute, or chain for ledger work).
    #expect(
      timeline.count("X", "compute") + timeline.count("X", "chain")
        == rows("tasks.csv", of: output).count)
    // Every transfers.csv row is a sender's slice; every delivered one also an arrival, and
    // an arrow from the one to the other.
    #expect(timeline.names("X", "message").filter { $0.contains(" → ") }.count == transfers.count)
    #expect(timeline.names("X", "message").filter { $0.contains(" ← ") }.count == delivered)
    #expect(timeline.flowIDs.count == delivered)
    // Every rounds.csv row (both schemes) is a span; every blocks.csv row an instant; no faults.
    #expect(timeline.count("X", "round") == rows("rounds.csv", of: output).count)
    #expect(timeline.count("i", "block") == rows("blocks.csv", of: output).count)
    #expect(timeline.count("i", "fault") == 0)
    #expect(rows("blocks.csv", of: output).count > 0 && delivered > 0)
    // 16 nodes per scheme, numbered from the smallest power of ten above 16: the twin's at pids
    // 1…16, the chain's at 101…116; the server first, then the validators e0…e2, then c0….
    let names = timeline.processNames
    #expect(names.count == 32)
    #expect(names[1] == "fedavg: cloud (validator, server)")
    #expect(names[101] == "bcfl: cloud (validator, server)")
    #expect(names[5] == "fedavg: c0 (client)")
  }

  @Test func filteringByNodesAndWindowKeepsOnlyWhatItShows() throws {
    let spec = try small(chain: false)
    let all = try Experiment.run(spec, options: options())
    let selection = try TimelineSelection(
      nodes: "server,c0", window: "50ms,100ms", topology: spec.topology)
    let some = try Experiment.run(spec, options: options(selection))
    let timeline = try ParsedTimeline(try #require(some.timeline))
    timeline.checkSchemaNestingAndFlows()
    // The expected counts, from the unfiltered run's CSV rows: a slice is kept when its node is
    // shown and it overlaps [50 ms, 100 ms], ends included (rounds last about 60 ms); an arrival
    // when its receiver is shown and it lies in the window.
    let (from, until) = (50_000_000, 100_000_000)
    func overlaps(_ row: [String: String], _ start: String, _ end: String) -> Bool {
      Int(row[start]!)! <= until && Int(row[end]!)! >= from
    }
    let shown: Set<String> = ["cloud", "c0"]
    let tasks = rows("tasks.csv", of: all).filter {
      shown.contains($0["node"]!) && overlaps($0, "start_ns", "finish_ns")
    }
    let transfers = rows("transfers.csv", of: all)
    let sends = transfers.filter {
      shown.contains($0["from"]!) && overlaps($0, "start_ns", "finish_ns")
    }
    let arrivals = transfers.filter {
      $0["lost"] == "0" && shown.contains($0["to"]!)
        && (from...until).contains(Int($0["finish_ns"]!)!)
    }
    let arrows = transfers.filter {
      $0["lost"] == "0" && shown.contains($0["from"]!) && shown.contains($0["to"]!)
        && overlaps($0, "start_ns", "finish_ns") && (from...until).contains(Int($0["finish_ns"]!)!)
    }
    let rounds = rows("rounds.csv", of: all).filter { overlaps($0, "start_ns", "end_ns") }
    #expect(timeline.count("X", "compute") == tasks.count)
    #expect(timeline.names("X", "message").filter { $0.contains(" → ") }.count == sends.count)
    #expect(timeline.names("X", "message").filter { $0.contains(" ← ") }.count == arrivals.count)
    #expect(timeline.flowIDs.count == arrows.count)
    #expect(timeline.count("X", "round") == rounds.count)
    #expect(
      timeline.processNames.values.sorted() == [
        "fedavg: c0 (client)", "fedavg: cloud (validator, server)",
      ])
    // The filter removed something of each kind, and kept something.
    let full = try ParsedTimeline(try #require(all.timeline))
    #expect(tasks.count > 0 && tasks.count < full.count("X", "compute"))
    #expect(sends.count > 0 && sends.count < transfers.count)
    #expect(rounds.count > 0 && rounds.count < full.count("X", "round"))
  }

  @Test func faultsAreInstantsOnEveryNodeTheyHit() throws {
    // c3 crashes at 0 s for 1 s, link e1-c1 is down from 0 s for 500 ms: faults.csv has two
    // rows each (injected, recovered); a crash marks its node, a link its two ends: 2 × 1 +
    // 2 × 2 = 6 instants.
    let spec = try FaultRunTests.scenario(
      faults: #"[{"at": "0s", "crash": "c3", "for": "1s"}, "#
        + #"{"at": "0s", "linkDown": "e1-c1", "for": "500ms"}]"#)
    let output = try Experiment.run(spec, options: options())
    let faults = rows("faults.csv", of: output)
    #expect(faults.count == 4)
    let expected = faults.reduce(0) { $0 + ($1["kind"] == "crash" ? 1 : 2) }
    let timeline = try ParsedTimeline(try #require(output.timeline))
    timeline.checkSchemaNestingAndFlows()
    #expect(expected == 6)
    #expect(timeline.count("i", "fault") == expected)
    #expect(
      Set(timeline.names("i", "fault")) == [
        "crash injected", "crash recovered", "link-down injected", "link-down recovered",
      ])
  }

  @Test func sameRunTwiceGivesIdenticalBytesStreamedOrNot() throws {
    let spec = try small(chain: true)
    let inMemory = try Experiment.compare(spec, options: options())
    // The second run streams transfers.csv and tasks.csv to disk, so the network and the
    // compute cluster keep no records: the timeline must come from the hooks.
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("fedchain-timeline-\(getpid())").path
    let folder = try TraceDirectory(claiming: path)
    var streamed = options()
    let streams = try folder.streams()
    streamed.streams = streams
    let fromHooks = try Experiment.compare(spec, options: streamed)
    try streams.finish()
    try folder.replaceContents(with: fromHooks.files)
    #expect(fromHooks.timeline == inMemory.timeline)
    #expect(inMemory.timeline?.isEmpty == false)
    try? FileManager.default.removeItem(atPath: path)
  }

  @Test func nodeListsNameNodesRolesAndEvenSamples() throws {
    let topology = try small(chain: false).topology
    func shown(_ text: String) throws -> [String] {
      let selection = try TimelineSelection(nodes: text, window: nil, topology: topology)
      return topology.nodes.filter { selection.includes($0.id) }.map(\.name)
    }
    // 12 clients c0…c11 in topology order: 4 of them are the 1st, 4th, 7th and 10th.
    #expect(try shown("clients:4") == ["c0", "c3", "c6", "c9"])
    #expect(try shown("server,e1") == ["cloud", "e1"])
    #expect(try shown("edges") == ["e0", "e1", "e2"])
    #expect(try shown("client:100").count == 12)
    #expect(try shown("c11,c11") == ["c11"])
  }

  @Test(
    arguments: [
      ("c99", nil, "`c99` is neither a node"), ("clients:0", nil, "`clients:0`"),
      ("clients:x", nil, "`clients:x`"), ("", nil, "``"), (nil, "30s", "not FROM,UNTIL"),
      (nil, "2s,1s", "ends before it starts"), (nil, "1m,2m", "`1m` is not a duration"),
      (nil, ",", "not FROM,UNTIL"),
    ] as [(String?, String?, String)])
  func badSelectionsSayWhatIsWrongInOneLine(nodes: String?, window: String?, says: String) throws {
    let topology = try small(chain: false).topology
    let error = #expect(throws: TimelineSelectionError.self) {
      _ = try TimelineSelection(nodes: nodes, window: window, topology: topology)
    }
    #expect(error?.message.contains(says) == true, "\(String(describing: error))")
    #expect(error?.message.contains("\n") == false)
  }
}

/// A timeline file read back with Foundation's JSON parser, and the checks every timeline must
/// pass.
private struct ParsedTimeline {
  var events: [[String: Any]]

  init(_ text: String) throws {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    events = try #require(object?["traceEvents"] as? [[String: Any]])
  }

  private static func int(_ value: Any?) -> Int { (value as? NSNumber)?.intValue ?? -1 }
  /// A `ts` or `dur` in nanoseconds: microseconds with three decimals at most, well within a
  /// double's exact range for these runs (minutes).
  private static func nanoseconds(_ value: Any?) -> Int64 {
    Int64((((value as? NSNumber)?.doubleValue ?? -1) * 1_000).rounded())
  }

  func count(_ phase: String, _ category: String) -> Int { names(phase, category).count }

  func names(_ phase: String, _ category: String) -> [String] {
    events.filter { $0["ph"] as? String == phase && $0["cat"] as? String == category }
      .map { $0["name"] as? String ?? "" }
  }

  /// Process names by pid.
  var processNames: [Int: String] {
    var names: [Int: String] = [:]
    for event in events where event["name"] as? String == "process_name" {
      names[Self.int(event["pid"])] = (event["args"] as? [String: Any])?["name"] as? String
    }
    return names
  }

  /// The flow ids bound in the file.
  var flowIDs: Set<Int> {
    Set(events.filter { $0["bind_id"] != nil }.map { Self.int($0["bind_id"]) })
  }

  /// Every event has `ph`, `pid`, `tid`, `ts` (and a complete one `dur` ≥ 0); on every (pid,
  /// tid) the slices and instants nest or are disjoint; every flow id has one `flow_out` and
  /// one `flow_in`.
  func checkSchemaNestingAndFlows() {
    var tracks: [[Int]: [(start: Int64, end: Int64)]] = [:]
    var flows: [Int: (out: Int, in: Int)] = [:]
    for event in events {
      for key in ["name", "ph", "pid", "tid", "ts"] where event[key] == nil {
        Issue.record("\(event) has no \(key)")
      }
      let phase = event["ph"] as? String ?? ""
      #expect(["M", "X", "i"].contains(phase), "\(event)")
      guard phase != "M" else { continue }
      let start = Self.nanoseconds(event["ts"])
      let duration = phase == "X" ? Self.nanoseconds(event["dur"]) : 0
      #expect(start >= 0 && duration >= 0, "\(event)")
      tracks[[Self.int(event["pid"]), Self.int(event["tid"])], default: []].append(
        (start, start + duration))
      if event["bind_id"] != nil {
        let id = Self.int(event["bind_id"])
        if event["flow_out"] as? Bool == true { flows[id, default: (0, 0)].out += 1 }
        if event["flow_in"] as? Bool == true { flows[id, default: (0, 0)].in += 1 }
      }
    }
    for (track, slices) in tracks {
      // Longest first at equal starts, so an enclosing slice comes before what it holds.
      var open: [(start: Int64, end: Int64)] = []
      for slice in slices.sorted(by: { ($0.start, -$0.end) < ($1.start, -$1.end) }) {
        while let last = open.last, last.end <= slice.start { open.removeLast() }
        if let last = open.last {
          #expect(slice.end <= last.end, "track \(track): \(slice) overlaps \(last)")
        }
        open.append(slice)
      }
    }
    for (id, ends) in flows {
      #expect(ends == (1, 1), "flow \(id) has \(ends.out) start(s) and \(ends.in) end(s)")
    }
  }
}
