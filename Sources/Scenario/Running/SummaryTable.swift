import Schemes
import SimCore
import Traces

/// The readable table `fedchain run` and `fedchain compare` print on stdout: the run's headline
/// figures (for a pair, side by side with the overhead) and, for FL workloads, a few rounds.
public enum SummaryTable {
  /// The table for `output`, lines ending in `\n`.
  public static func render(_ output: Experiment.Output) -> String {
    if let twin = output.twin {
      return renderComparison(
        vanilla: twin.summary, blockchain: output.summary, warnings: output.warnings)
        + roundsTable(output.rounds, title: output.summary.scheme)
    }
    let s = output.summary
    var rows: [(String, String)] = [
      ("scenario", EchoedText.escaped(s.scenario)),
      ("scheme", s.scheme),
      ("seed", "\(s.seed)" + (s.run == 0 ? "" : " (run \(s.run))")),
      ("simulated time", s.totalTime.description),
    ]
    if s.scheme != "transfers" { rows.append(("rounds", "\(s.rounds)")) }
    rows.append(("messages", "\(s.messages) (\(ByteCount(bytes: s.messageBytes)) of payload)"))
    for (linkClass, bytes) in s.linkBytesByClass {
      rows.append(("link bytes \(linkClass)", ByteCount(bytes: bytes).description))
    }
    if s.onChainBytes > 0 {
      rows.append(("on-chain bytes", ByteCount(bytes: s.onChainBytes).description))
      rows.append(("gas", "\(s.gas)"))
    }
    if let accuracy = s.finalAccuracy {
      rows.append(("final accuracy", percent(accuracy)))
      if let best = s.bestAccuracy { rows.append(("best accuracy", percent(best))) }
    }
    if let target = s.timeToTarget { rows.append(("time to target", target.description)) }
    if let epsilon = s.epsilon {
      rows.append(("privacy ε (worst client)", CSVTable.format(epsilon)))
    }
    if s.faults > 0 {
      rows.append(("faults injected", "\(s.faults)"))
      rows.append(("updates lost to faults", "\(s.updatesLostToFaults)"))
      rows.append(("rounds without quorum", "\(s.roundsWithoutQuorum)"))
    }
    rows.append(("events", "\(s.events)"))
    return aligned(rows.map { [$0.0, $0.1] }) + roundsTable(output.rounds, title: nil)
  }

  /// Both runs' figures and the blockchain scheme's overhead, "+91%" style. When either run
  /// completed no round there is nothing to compare: the overhead column is left out and a line
  /// says which run completed none and why (from the run's `warnings`).
  static func renderComparison(
    vanilla v: RunSummary, blockchain b: RunSummary, warnings: [String] = []
  ) -> String {
    var rows: [[String]] = [
      ["", v.scheme, b.scheme, "overhead"],
      [
        "simulated time", v.totalTime.description, b.totalTime.description,
        change(Double(b.totalTime.nanoseconds), Double(v.totalTime.nanoseconds)),
      ],
    ]
    if v.timeToTarget != nil || b.timeToTarget != nil {
      rows.append([
        "time to target", v.timeToTarget?.description ?? "not reached",
        b.timeToTarget?.description ?? "not reached",
        change(
          b.timeToTarget.map { Double($0.nanoseconds) },
          v.timeToTarget.map { Double($0.nanoseconds) }),
      ])
    }
    let vTotal = v.linkBytesByClass.reduce(0) { $0 + $1.bytes }
    let bTotal = b.linkBytesByClass.reduce(0) { $0 + $1.bytes }
    rows.append([
      "traffic (link bytes)", ByteCount(bytes: vTotal).description,
      ByteCount(bytes: bTotal).description, change(Double(bTotal), Double(vTotal)),
    ])
    let classes = Set(v.linkBytesByClass.map(\.linkClass) + b.linkBytesByClass.map(\.linkClass))
    for linkClass in classes.sorted() {
      let x = v.linkBytesByClass.first { $0.linkClass == linkClass }?.bytes ?? 0
      let y = b.linkBytesByClass.first { $0.linkClass == linkClass }?.bytes ?? 0
      rows.append([
        "  \(linkClass)", ByteCount(bytes: x).description, ByteCount(bytes: y).description,
        change(Double(y), Double(x)),
      ])
    }
    rows.append(["on-chain bytes", "–", ByteCount(bytes: b.onChainBytes).description, ""])
    rows.append(["gas", "–", "\(b.gas)", ""])
    rows.append([
      "messages", "\(v.messages)", "\(b.messages)", change(Double(b.messages), Double(v.messages)),
    ])
    if v.finalAccuracy != nil || b.finalAccuracy != nil {
      rows.append([
        "final accuracy", v.finalAccuracy.map(percent) ?? "–", b.finalAccuracy.map(percent) ?? "–",
        accuracyChange(b.finalAccuracy, v.finalAccuracy),
      ])
    }
    if v.epsilon != nil || b.epsilon != nil {
      rows.append([
        "privacy ε (worst client)", v.epsilon.map(CSVTable.format) ?? "–",
        b.epsilon.map(CSVTable.format) ?? "–", "",
      ])
    }
    rows.append(["rounds", "\(v.rounds)", "\(b.rounds)", ""])
    if v.faults > 0 || b.faults > 0 {
      rows.append(["faults injected", "\(v.faults)", "\(b.faults)", ""])
      rows.append([
        "updates lost to faults", "\(v.updatesLostToFaults)", "\(b.updatesLostToFaults)", "",
      ])
      rows.append([
        "rounds without quorum", "\(v.roundsWithoutQuorum)", "\(b.roundsWithoutQuorum)", "",
      ])
    }
    var text =
      "scenario \(EchoedText.escaped(b.scenario)), seed \(b.seed)"
      + (b.run == 0 ? "" : " (run \(b.run))")
    text += ": \(b.scheme) against its vanilla twin\n\n"
    let idle = [v, b].filter { $0.rounds == 0 }
    guard !idle.isEmpty else { return text + aligned(rows) }
    rows = rows.map { Array($0.prefix(3)) }
    return text + aligned(rows) + "\n" + noOverhead(idle: idle.map(\.scheme), warnings: warnings)
  }

  /// "overhead: not computed — bcfl completed no round (…)", the reason taken from the first
  /// warning of each run that completed none (a warning starts with its scheme's name).
  static func noOverhead(idle schemes: [String], warnings: [String]) -> String {
    let who =
      schemes.count == 1
      ? "\(schemes[0]) completed no round"
      : "neither \(schemes.joined(separator: " nor ")) completed a round"
    // Experiment starts every warning with its scheme's name.
    let reasons = schemes.map { scheme in
      warnings.first { $0.hasPrefix(scheme + ": ") } ?? "\(scheme): no warning says why"
    }
    return "overhead: not computed — \(who) (\(reasons.joined(separator: "; ")))\n"
  }

  /// "+91%" for 1.91 times the reference; "–" when undefined.
  static func change(_ value: Double?, _ reference: Double?) -> String {
    guard let value, let reference, reference != 0 else { return "–" }
    let percentChange = (value / reference - 1) * 100
    let rounded = Int64(percentChange.rounded())
    return (rounded >= 0 ? "+" : "") + "\(rounded)%"
  }

  /// The accuracy difference in percentage points.
  static func accuracyChange(_ value: Double?, _ reference: Double?) -> String {
    guard let value, let reference else { return "–" }
    let points = (value - reference) * 100
    return (points >= 0 ? "+" : "") + format(points) + " pt"
  }

  /// Columns padded to their widest cell, two spaces apart.
  static func aligned(_ rows: [[String]]) -> String {
    let columns = rows.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: columns)
    for row in rows {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    var text = ""
    for row in rows {
      var line = ""
      for (i, cell) in row.enumerated() {
        line += i == row.count - 1 ? cell : pad(cell, widths[i]) + "  "
      }
      text += line + "\n"
    }
    return text
  }

  /// Up to six rounds (the first and last three) with their accuracy.
  static func roundsTable(_ rounds: [RoundRecord], title: String?) -> String {
    guard !rounds.isEmpty else { return "" }
    var text = "\n" + (title.map { "\($0) rounds\n" } ?? "")
    text += "round  end        selected  reported  accuracy\n"
    let shown = rounds.count <= 6 ? rounds : Array(rounds.prefix(3)) + Array(rounds.suffix(3))
    for (i, r) in shown.enumerated() {
      if rounds.count > 6 && i == 3 { text += "  …\n" }
      text +=
        pad("\(r.round)", 5) + "  " + pad(format(r.end.seconds) + "s", 9) + "  "
        + pad("\(r.selected)", 8) + "  " + pad("\(r.reported)", 8) + "  "
        + (r.accuracy.map(percent) ?? "–") + "\n"
    }
    return text
  }

  static func percent(_ x: Double) -> String { format(x * 100) + "%" }

  /// Two decimals, locale-free.
  static func format(_ x: Double) -> String {
    let hundredths = Int64((x * 100).rounded())
    let whole = hundredths / 100
    let fraction = abs(hundredths % 100)
    let sign = hundredths < 0 && whole == 0 ? "-" : ""
    return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
  }

  static func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
  }
}
