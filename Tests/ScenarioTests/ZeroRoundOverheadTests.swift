import SimCore
import Testing

@testable import Scenario

/// A paired run where a twin completed no round has no overhead to report: none is printed and
/// the ratio row of `summary.csv` stays empty.
struct ZeroRoundOverheadTests {
  private func summary(_ scheme: String, rounds: Int, seconds: Int64) -> RunSummary {
    RunSummary(
      scenario: "s", scheme: scheme, seed: 1, run: 0, rounds: rounds,
      totalTime: .seconds(seconds), timeToTarget: nil, messages: 10, messageBytes: 1_000,
      linkBytesByClass: [("edge-cloud", 2_000)], finalAccuracy: nil, bestAccuracy: nil,
      finalLoss: nil, events: 100)
  }

  private func output(vanilla: RunSummary, blockchain: RunSummary, warnings: [String])
    -> Experiment.Output
  {
    Experiment.Output(
      files: [], summary: blockchain, rounds: [], twin: (vanilla, []), warnings: warnings)
  }

  @Test func zeroRoundRunPrintsNoOverhead() {
    let warning =
      "bcfl: only 0 of 3 rounds completed: a round waited for updates that never came (lost "
      + "messages, or silent clients); set workload.deadline so that rounds end without them"
    let text = SummaryTable.render(
      output(
        vanilla: summary("fedavg", rounds: 3, seconds: 1),
        blockchain: summary("bcfl", rounds: 0, seconds: 9_109), warnings: [warning]))
    #expect(!text.contains("%"), "\(text)")
    #expect(text.contains("overhead: not computed — bcfl completed no round (\(warning))\n"))
    let neither = SummaryTable.render(
      output(
        vanilla: summary("fedavg", rounds: 0, seconds: 1),
        blockchain: summary("bcfl", rounds: 0, seconds: 2), warnings: []))
    #expect(
      neither.contains(
        "overhead: not computed — neither fedavg nor bcfl completed a round (fedavg: no warning "
          + "says why; bcfl: no warning says why)"))
  }

  @Test func completedRunsStillPrintTheirOverhead() {
    let text = SummaryTable.render(
      output(
        vanilla: summary("fedavg", rounds: 3, seconds: 1),
        blockchain: summary("bcfl", rounds: 3, seconds: 2), warnings: []))
    #expect(text.contains("+100%"))
    #expect(!text.contains("not computed"))
  }

  @Test func zeroRoundRunLeavesTheRatioRowEmpty() {
    let context = TraceContext(run: 0, seed: 1)
    func ratioRow(_ blockchainRounds: Int) -> [Substring] {
      let csv = TraceRendering.summary(
        [
          summary("fedavg", rounds: 3, seconds: 1),
          summary("bcfl", rounds: blockchainRounds, seconds: 2),
        ],
        context: context, endTime: .zero + .seconds(2))
      let lines = csv.split(separator: "\n")
      return lines[3].split(separator: ",", omittingEmptySubsequences: false)
    }
    let empty = ratioRow(0)
    // time_ns, run, seed, scenario, scheme, then only empty cells.
    #expect(empty[4] == "bcfl/fedavg")
    #expect(empty.dropFirst(5).allSatisfy { $0.isEmpty }, "\(empty)")
    #expect(ratioRow(3)[6] == "2.0")  // total_time_ns: 2 s over 1 s
  }
}
