// MARK: - The page

extension SweepReport {
  /// The chart width of a metric's figure; two fit side by side.
  static let chartWidth = 540.0

  /// The id of a metric's figure: `fig-total_time_ns`; characters other than ASCII letters,
  /// digits, `_` and `-` become `-`, so any metric name gives a valid id.
  static func figureID(_ metric: String) -> String {
    "fig-"
      + String(
        metric.unicodeScalars.map { scalar -> Character in
          scalar.isASCII
            && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
              || scalar == "_" || scalar == "-")
            ? Character(scalar) : "-"
        })
  }

  /// The schemes that are runs, not ratio rows.
  var runSchemes: [String] { schemes.filter { !$0.contains("/") } }
  /// The ratio rows' schemes (`bcfl/fedavg`).
  var ratioSchemes: [String] { schemes.filter { $0.contains("/") } }

  var page: HTMLPage {
    let id = record["id"].flatMap(RunReport.scalarText) ?? "?"
    var page = HTMLPage(title: "fedchain sweep report: \(id)")
    page.lead.append("Sweep folder: \(folder.path)")
    var line = "\(points.count) point(s), \(runCount) run(s) in sweep.csv"
    if let file = record["sweep_file"].flatMap(RunReport.scalarText) {
      line = "Sweep file \(file): " + line
    }
    page.lead.append(line + "; schemes " + schemes.joined(separator: ", ") + ".")
    if !paths.isEmpty {
      page.lead.append(
        "Swept: "
          + paths.enumerated().map { index, path in
            path + " ∈ {" + points.map { $0.values[index] }.joined(separator: ", ") + "}"
          }.joined(separator: "; "))
    }
    if let version = record["version"].flatMap(RunReport.scalarText) {
      page.lead.append("fedchain \(version)")
    }
    page.sections.append(.init(id: "summary", title: "Summary", body: summarySection))
    page.sections.append(.init(id: "figures", title: "Figures", body: figuresSection))
    page.sections.append(.init(id: "scenario", title: "Sweep as run", body: sweepSection))
    page.sections.append(.init(id: "manifest", title: "Manifest", body: manifestSection))
    return page
  }

  // MARK: - Summary table

  /// The means: a row per metric, a column per point and scheme; the interval in the tooltip.
  private var summarySection: String {
    var columns = ["metric"]
    var groups: [(label: String, span: Int)] = [("", 1)]
    for point in points {
      groups.append((label(of: point), schemes.count))
      columns += schemes
    }
    var table = HTMLTable(columns: columns)
    table.groups = groups
    for metric in metrics
    where statistics.contains(where: { $0.metric == metric && $0.mean != nil }) {
      var cells = [HTMLTable.Cell(text: metric)]
      for point in points {
        for scheme in schemes {
          let statistic = statistic(metric, scheme, at: point.index)
          cells.append(
            HTMLTable.Cell(
              text: statistic?.mean.map {
                Self.readable($0, metric: metric, isRatio: scheme.contains("/"))
              } ?? "—",
              tooltip: statistic.map(Self.describe) ?? "", isNumeric: true))
        }
      }
      table.append(cells)
    }
    return HTMLPage.paragraph(
      "sweep-stats.csv: the mean of each summary metric over a point's seeds and replications, "
        + "per scheme; times in seconds, ratios marked ×, — for no value. Hover a cell for the "
        + "standard deviation, the 95% Student-t interval and the number of runs.")
      + table.rendered
  }

  /// A mean for reading: seconds for `*_ns`, grouped or four-decimal numbers, `×` for ratios.
  static func readable(_ value: Double, metric: String, isRatio: Bool) -> String {
    if isRatio { return DecimalText.readable(value) + " ×" }
    if metric.hasSuffix("_ns") { return DecimalText.fixed(value / 1e9, decimals: 3) + " s" }
    return DecimalText.readable(value)
  }

  /// The exact statistics of a cell, as the file writes them.
  static func describe(_ statistic: Statistic) -> String {
    let text = { (value: Double?) in value.map { "\($0)" } ?? "none" }
    return "mean \(text(statistic.mean)), sd \(text(statistic.standardDeviation)), 95% CI ["
      + "\(text(statistic.low)), \(text(statistic.high))], \(statistic.count) run(s)"
  }

  // MARK: - Sweep record

  private var sweepSection: String {
    guard let sweep = record["sweep"] else {
      return HTMLPage.paragraph("sweep.json holds no sweep member.", isNote: true)
    }
    return HTMLPage.paragraph(
      "The sweep as sweep.json records it: the base scenario (its paths resolved), the grid "
        + "or zip of swept paths, the seeds, replications and traces.")
      + HTMLPage.preformatted(JSONWriter.write(sweep))
  }

  private var manifestSection: String {
    guard case .object(let members) = record.kind else { return "" }
    var table = HTMLTable(columns: ["member", "value"])
    for member in members where member.key != "sweep" {
      table.append([
        HTMLTable.Cell(text: member.key),
        HTMLTable.Cell(
          text: RunReport.scalarText(member.value) ?? JSONWriter.compact(member.value)),
      ])
    }
    return HTMLPage.paragraph(
      "sweep.json's other members. Each run's own manifest.json (seed, run, the point's values, "
        + "the scenario it ran) is in its folder under points/.")
      + table.rendered
  }
}
