import SimCore

/// The readable table `fedchain run` prints on stdout: the run's headline figures and, for FL
/// workloads, a few rounds.
public enum SummaryTable {
  /// The table for `output`, lines ending in `\n`.
  public static func render(_ output: Experiment.Output) -> String {
    let s = output.summary
    var rows: [(String, String)] = [
      ("scenario", s.scenario),
      ("scheme", s.scheme),
      ("seed", "\(s.seed)" + (s.run == 0 ? "" : " (run \(s.run))")),
      ("simulated time", s.totalTime.description),
    ]
    if s.scheme != "transfers" { rows.append(("rounds", "\(s.rounds)")) }
    rows.append(("messages", "\(s.messages) (\(ByteCount(bytes: s.messageBytes)) of payload)"))
    for (linkClass, bytes) in s.linkBytesByClass {
      rows.append(("link bytes \(linkClass)", ByteCount(bytes: bytes).description))
    }
    if let accuracy = s.finalAccuracy {
      rows.append(("final accuracy", percent(accuracy)))
      if let best = s.bestAccuracy { rows.append(("best accuracy", percent(best))) }
    }
    rows.append(("events", "\(s.events)"))
    let width = rows.map(\.0.count).max() ?? 0
    var text = ""
    for (key, value) in rows {
      text += key + String(repeating: " ", count: width - key.count) + "  " + value + "\n"
    }
    if !output.rounds.isEmpty {
      text += "\nround  end        selected  reported  accuracy\n"
      let shown =
        output.rounds.count <= 6
        ? output.rounds : Array(output.rounds.prefix(3)) + Array(output.rounds.suffix(3))
      for (i, r) in shown.enumerated() {
        if output.rounds.count > 6 && i == 3 { text += "  …\n" }
        let end = r.end.seconds
        text +=
          pad("\(r.round)", 5) + "  " + pad(format(end) + "s", 9) + "  " + pad("\(r.selected)", 8)
          + "  "
          + pad("\(r.reported)", 8) + "  " + (r.accuracy.map(percent) ?? "–") + "\n"
      }
    }
    return text
  }

  static func percent(_ x: Double) -> String { format(x * 100) + "%" }

  /// Two decimals, locale-free.
  static func format(_ x: Double) -> String {
    let hundredths = Int64((x * 100).rounded())
    let whole = hundredths / 100
    let fraction = abs(hundredths % 100)
    return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
  }

  static func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
  }
}
