// MARK: - The page

extension RunReport {
  /// The report page.
  var page: HTMLPage {
    let scenario = manifest["scenario"].flatMap(Self.scalarText) ?? "?"
    var page = HTMLPage(title: "fedchain report: \(scenario)")
    page.lead.append("Run folder: \(folder.path)")
    let ratios = summaryRows.filter { $0.contains("/") }
    if schemes.count > 1 {
      let ratioText = ratios.isEmpty ? "" : "; ratio row " + ratios.joined(separator: ", ")
      page.lead.append(
        "Compared run: \(schemes.joined(separator: " and ")) on the same topology, data, seed "
          + "and faults\(ratioText).")
    } else {
      page.lead.append("Single run: \(schemes.first ?? "no scheme").")
    }
    var facts: [String] = []
    for (key, label) in [("seed", "seed"), ("run", "run"), ("version", "fedchain")] {
      if let value = manifest[key].flatMap(Self.scalarText) { facts.append("\(label) \(value)") }
    }
    if let commit = manifest["git_commit"].flatMap(Self.scalarText) {
      facts.append("commit \(commit)")
    }
    page.lead.append(facts.joined(separator: " · "))
    page.sections.append(.init(id: "summary", title: "Summary", body: summarySection))
    page.sections.append(.init(id: "figures", title: "Figures", body: figures.joined()))
    page.sections.append(.init(id: "scenario", title: "Scenario as run", body: scenarioSection))
    page.sections.append(.init(id: "manifest", title: "Manifest", body: manifestSection))
    return page
  }

  /// The figures, in page order (`fig-accuracy`, `fig-phases`, `fig-traffic`, `fig-updates`,
  /// `fig-blocks`, `fig-faults`); a trace the folder lacks gives a note instead, or nothing for
  /// the chain's and the faults' (a vanilla run has no chain, most runs no faults).
  private var figures: [String] {
    let absent = { (file: String) in
      HTMLPage.paragraph(
        "No \(file) in this folder (the run did not write it, see --traces, or it was "
          + "removed): its figure is left out.", isNote: true)
    }
    var figures: [String] = []
    figures.append(rounds == nil ? absent("rounds.csv") : accuracyFigure)
    figures.append(rounds == nil ? "" : phasesFigure)
    figures.append(links == nil && transfers == nil ? absent("links.csv") : trafficFigure)
    figures.append(updates == nil ? absent("updates.csv") : updatesFigure)
    figures.append(blocks.map { $0.isEmpty ? "" : blocksFigure } ?? "")
    figures.append(faults.map { $0.isEmpty ? "" : faultsFigure } ?? "")
    return figures
  }

  /// The schemes of `summary.csv` in row order, ratio rows included.
  var summaryRows: [String] {
    summary.rows.indices.map { summary.text($0, "scheme") }
  }

  // MARK: - Summary table

  /// The summary transposed: a row per metric, a column per scheme (ratio rows last, as in the
  /// file). A cell shows the value for reading (seconds, grouped digits, four decimals) and
  /// keeps the file's exact text as its tooltip.
  private var summarySection: String {
    let schemeIndex = summary.header.firstIndex(of: "scheme")!
    var table = HTMLTable(columns: ["metric"] + summaryRows)
    for column in summary.header[(schemeIndex + 1)...] {
      var cells = [HTMLTable.Cell(text: column)]
      for row in summary.rows.indices {
        let raw = summary.text(row, column)
        let isRatio = summary.text(row, "scheme").contains("/")
        cells.append(
          HTMLTable.Cell(
            text: Self.readable(raw, column: column, isRatio: isRatio), tooltip: raw,
            isNumeric: true))
      }
      table.append(cells)
    }
    return HTMLPage.paragraph(
      "summary.csv, one column per row of the file; times in seconds (the file holds "
        + "nanoseconds), ratios marked ×, — for an empty field. Hover a cell for the exact value.")
      + table.rendered
  }

  /// A summary field for reading: `7.907 s`, `21,270,720`, `2.6561 ×`, `—`.
  static func readable(_ raw: String, column: String, isRatio: Bool) -> String {
    guard let value = Double(raw), value.isFinite else { return raw.isEmpty ? "—" : raw }
    if isRatio { return DecimalText.readable(value) + " ×" }
    if column.hasSuffix("_ns"), let nanoseconds = Int64(raw) {
      return DecimalText.seconds(nanoseconds: nanoseconds)
    }
    return DecimalText.readable(value)
  }

  // MARK: - Scenario and manifest

  private var scenarioSection: String {
    guard let source = manifest["scenario_source"] else {
      return HTMLPage.paragraph("manifest.json holds no scenario_source.", isNote: true)
    }
    return HTMLPage.paragraph(
      "The scenario this run ran, as manifest.json records it (scenario_source; a sweep's "
        + "overrides applied). The seed and run used are the manifest's.")
      + HTMLPage.preformatted(JSONWriter.write(source))
  }

  private var manifestSection: String {
    guard case .object(let members) = manifest.kind else { return "" }
    var table = HTMLTable(columns: ["member", "value"])
    for member in members where member.key != "scenario_source" {
      let text: String
      switch member.value.kind {
      case .array(let items):
        text = items.map { Self.scalarText($0) ?? JSONWriter.compact($0) }.joined(separator: ", ")
      default: text = Self.scalarText(member.value) ?? JSONWriter.compact(member.value)
      }
      table.append([HTMLTable.Cell(text: member.key), HTMLTable.Cell(text: text)])
    }
    return HTMLPage.paragraph(
      "manifest.json (its scenario_source is the section above).") + table.rendered
  }

  /// A string as itself, a number, boolean or null as written; nil for arrays and objects.
  static func scalarText(_ value: JSONValue) -> String? {
    switch value.kind {
    case .string(let text): return text
    case .number(let text): return text
    case .bool(let flag): return flag ? "true" : "false"
    case .null: return "null"
    case .array, .object: return nil
    }
  }

  /// The colour of `scheme`: its place among the run's schemes.
  func color(of scheme: String) -> String {
    ChartPalette.color(schemes.firstIndex(of: scheme) ?? schemes.count)
  }
}
