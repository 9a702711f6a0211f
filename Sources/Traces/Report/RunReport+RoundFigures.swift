// MARK: - Figures per round: time by phase, updates by fate

extension RunReport {
  /// The fates of `updates.csv` in the order they are stacked, with their colours: what made
  /// it into the model at the bottom, then what the aggregator refused or missed, then what
  /// never left the client.
  static let fates = [
    "aggregated", "rejected", "late", "lost", "dropped", "not_sent", "unfinished",
  ]
  private static let fateColors = [
    "#009e73", "#d55e00", "#e69f00", "#cc79a7", "#7f7f7f", "#56b4e9", "#b59b00",
  ]

  /// The chart width of one panel when a figure has a panel per scheme.
  static let panelWidth = 540.0

  /// A piece of a stacked bar.
  private struct Piece {
    var value: Double
    var color: String
    var tooltip: String
  }

  /// One bar: its round, its pieces from the bottom up, and an optional dot above it.
  private struct Bar {
    var round: Int64
    var pieces: [Piece]
    var dot: (value: Double, tooltip: String)?
  }

  /// A panel per scheme of stacked bars by round, on one y scale.
  private func stackedPanels(
    title: String, bars: [(scheme: String, bars: [Bar])], yTitle: String, yTicks: NiceTicks,
    legend: [SVGChart.LegendEntry]
  ) -> [(title: String, svg: String)] {
    let lastRound = bars.flatMap { $0.bars.map(\.round) }.max() ?? 1
    let xAxis = ChartAxis(
      title: "round", from: 0.5, to: Double(lastRound) + 0.5,
      ticks: NiceTicks(covering: 1, Double(lastRound), count: 10, integral: true))
    let width = bars.count == 1 ? Self.wideWidth : Self.panelWidth
    return bars.map { scheme, bars in
      var chart = SVGChart(
        title: "\(title): \(scheme)", x: xAxis, y: ChartAxis(title: yTitle, ticks: yTicks),
        width: width, height: 300)
      chart.legend = legend
      var dots = ChartLine(points: [], color: ChartPalette.text, joining: .none)
      for bar in bars {
        var bottom = 0.0
        for piece in bar.pieces {
          chart.marks.append(
            .rectangle(
              ChartRectangle(
                x0: Double(bar.round) - 0.35, x1: Double(bar.round) + 0.35, y0: bottom,
                y1: bottom + piece.value, color: piece.color, tooltip: piece.tooltip)))
          bottom += piece.value
        }
        if let dot = bar.dot {
          dots.points.append((Double(bar.round), dot.value))
          dots.tooltips.append(dot.tooltip)
        }
      }
      if !dots.points.isEmpty { chart.marks.append(.line(dots)) }
      return (scheme, chart.rendered)
    }
  }

  // MARK: - Time by phase

  var phasesFigure: String {
    let rows = rounds ?? []
    let used = Self.phases.indices.filter { phase in
      rows.contains { $0.phaseNanoseconds[phase] > 0 }
    }
    var highest: Int64 = 0
    var panels: [(scheme: String, bars: [Bar])] = []
    for scheme in schemes {
      let mine = rows.filter { $0.scheme == scheme }
      guard !mine.isEmpty else { continue }
      panels.append(
        (
          scheme,
          mine.map { round in
            let length = round.endNanoseconds - round.startNanoseconds
            highest = max(highest, length, round.phaseNanoseconds.reduce(0, +))
            return Bar(
              round: round.round,
              pieces: used.map { phase in
                Piece(
                  value: Double(round.phaseNanoseconds[phase]) / 1e9,
                  color: ChartPalette.color(phase),
                  tooltip: "\(scheme) round \(round.round): \(Self.phaseName(phase)) "
                    + DecimalText.duration(nanoseconds: round.phaseNanoseconds[phase]))
              },
              dot: (
                Double(length) / 1e9,
                "\(scheme) round \(round.round): "
                  + DecimalText.duration(nanoseconds: length) + " from start to end"
              ))
          }
        ))
    }
    var legend = used.map {
      SVGChart.LegendEntry(
        label: Self.phaseName($0), color: ChartPalette.color($0), symbol: .box)
    }
    legend.append(.init(label: "round length", color: ChartPalette.text, symbol: .dot))
    return HTMLPage.figure(
      id: "fig-phases", title: "Time per round by phase",
      panels: stackedPanels(
        title: "Time per round by phase", bars: panels, yTitle: "time (s)",
        yTicks: NiceTicks(covering: 0, Double(highest) / 1e9), legend: legend),
      caption: "One bar per round (rounds.csv), one panel per scheme on one scale. Phases "
        + "overlap across clients, so each piece is the longest any reporting client spent in "
        + "that phase (the columns " + Self.phases.joined(separator: ", ")
        + "; pieces that are 0 in every round are left out), and a bar may be taller or "
        + "shorter than its round; the dot marks the round's length, end_ns − start_ns. A round "
        + "no update reached has no bar.")
  }

  /// `download` for `download_ns`.
  private static func phaseName(_ index: Int) -> String {
    String(phases[index].dropLast(3))
  }

  // MARK: - Updates by fate

  var updatesFigure: String {
    let rows = updates ?? []
    var fates = Self.fates.filter { fate in rows.contains { $0.fate == fate } }
    for row in rows where !fates.contains(row.fate) { fates.append(row.fate) }
    let colorOf = { (fate: String) -> String in
      if let known = Self.fates.firstIndex(of: fate) { return Self.fateColors[known] }
      return ChartPalette.color(fates.firstIndex(of: fate) ?? 0)
    }
    var highest = 0
    var panels: [(scheme: String, bars: [Bar])] = []
    for scheme in schemes {
      let mine = rows.filter { $0.scheme == scheme }
      guard !mine.isEmpty else { continue }
      // Counts per round and fate, rounds in the order they first appear.
      var order: [Int64] = []
      var counts: [[Int]] = []
      for row in mine {
        var index = order.firstIndex(of: row.round)
        if index == nil {
          order.append(row.round)
          counts.append(Array(repeating: 0, count: fates.count))
          index = order.count - 1
        }
        counts[index!][fates.firstIndex(of: row.fate)!] += 1
      }
      panels.append(
        (
          scheme,
          zip(order, counts).map { round, count in
            highest = max(highest, count.reduce(0, +))
            return Bar(
              round: round,
              pieces: fates.indices.map {
                Piece(
                  value: Double(count[$0]), color: colorOf(fates[$0]),
                  tooltip: "\(scheme) round \(round): \(count[$0]) \(fates[$0])")
              })
          }
        ))
    }
    let legend = fates.map { SVGChart.LegendEntry(label: $0, color: colorOf($0), symbol: .box) }
    return HTMLPage.figure(
      id: "fig-updates", title: "Updates by fate per round",
      panels: stackedPanels(
        title: "Updates by fate per round", bars: panels, yTitle: "updates",
        yTicks: NiceTicks(covering: 0, Double(highest), integral: true), legend: legend),
      caption: "Every update of a client sampled in a round (updates.csv: one row each, so "
        + "none is missing), counted by its fate, one panel per scheme on one scale.")
  }
}
