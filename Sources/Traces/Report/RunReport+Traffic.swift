// MARK: - Traffic by link class and by message kind

extension RunReport {
  /// Grouped bars: a group per category, a bar per scheme in it.
  private func groupedBars(
    title: String, width: Double, rows: [(scheme: String, category: String, bytes: Int64)]
  ) -> String {
    var categories: [String] = []
    for row in rows where !categories.contains(row.category) { categories.append(row.category) }
    let present = schemes.filter { scheme in rows.contains { $0.scheme == scheme } }
    // Rows are totals, one per scheme and category (0 where a scheme has none).
    var totals = Array(
      repeating: Array(repeating: Int64(0), count: categories.count), count: present.count)
    for row in rows {
      guard let scheme = present.firstIndex(of: row.scheme) else { continue }
      totals[scheme][categories.firstIndex(of: row.category)!] = row.bytes
    }
    let highest = totals.flatMap { $0 }.max() ?? 0
    let unit = MetricUnit(column: "bytes", maximum: Double(highest))
    var chart = SVGChart(
      title: title, x: ChartAxis(title: "", categories: categories.isEmpty ? [""] : categories),
      y: ChartAxis(
        title: unit.title(for: "bytes"),
        ticks: NiceTicks(covering: 0, unit.scaled(Double(highest)))),
      width: width, height: 300)
    let share = 0.8 / Double(max(present.count, 1))
    for (slot, scheme) in present.enumerated() {
      for (index, category) in categories.enumerated() {
        let left = Double(index) - 0.4 + share * Double(slot)
        chart.marks.append(
          .rectangle(
            ChartRectangle(
              x0: left, x1: left + share, y0: 0, y1: unit.scaled(Double(totals[slot][index])),
              color: color(of: scheme),
              tooltip: "\(scheme), \(category): "
                + "\(DecimalText.grouped(totals[slot][index])) bytes")))
      }
      chart.legend.append(.init(label: scheme, color: color(of: scheme), symbol: .box))
    }
    return chart.rendered
  }

  var trafficFigure: String {
    var panels: [(title: String, svg: String)] = []
    let both = links != nil && transfers != nil
    let width = both ? Self.panelWidth : Self.wideWidth
    if let links {
      panels.append(
        (
          "by link class (links.csv)",
          groupedBars(
            title: "Bytes carried per link class", width: width,
            rows: links)
        ))
    }
    if let transfers {
      panels.append(
        (
          "by message kind (transfers.csv)",
          groupedBars(
            title: "Bytes sent per message kind", width: width,
            rows: transfers)
        ))
    }
    var caption =
      "Bytes by scheme. By link class: every link and direction a message crosses counts its "
      + "bytes (links.csv, summed per class: the link_bytes_* columns of the summary)."
    if transfers != nil {
      caption += " By message kind: each message counted once, lost ones included (transfers.csv)."
    }
    return HTMLPage.figure(
      id: "fig-traffic", title: "Traffic", panels: panels, caption: caption,
      notes: transfersNote.map { [$0] } ?? [])
  }
}
