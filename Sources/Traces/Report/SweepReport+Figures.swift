// MARK: - A figure per summary metric

extension SweepReport {
  /// The figures: a chart per metric with a value (runs' schemes), then the ratios; notes name
  /// the metrics left out.
  var figuresSection: String {
    var html = ""
    var empty: [String] = []
    var zero: [String] = []
    var drawn: [String] = []
    for metric in metrics {
      let values = statistics.filter { $0.metric == metric && !$0.scheme.contains("/") }
      if !values.contains(where: { $0.mean != nil }) {
        empty.append(metric)
      } else if values.allSatisfy({
        ($0.mean ?? 0) == 0 && ($0.low ?? 0) == 0 && ($0.high ?? 0) == 0
      }) {
        zero.append(metric)
      } else {
        drawn.append(metric)
      }
    }
    var figures = drawn.map { metricFigure($0) }
    if !ratioSchemes.isEmpty { figures.append(overheadFigure) }
    html += HTMLPage.paragraph(
      "Each summary metric against the swept parameter: the mean over seeds and replications "
        + "(sweep-stats.csv), a line per scheme, the shaded band its 95% Student-t interval "
        + "(none where a point has a single run).")
    if !zero.isEmpty {
      html += HTMLPage.paragraph(
        "0 at every point for every scheme, not drawn: " + zero.joined(separator: ", ") + ".",
        isNote: true)
    }
    if !empty.isEmpty {
      html += HTMLPage.paragraph(
        "No value at any point, not drawn: " + empty.joined(separator: ", ") + ".", isNote: true)
    }
    html += "<div class=\"panels\">\n" + figures.joined() + "</div>\n"
    return html
  }

  /// A line per scheme of `metric`'s mean with its interval band, against the parameter.
  private func chart(
    title: String, lines: [(name: String, metric: String, scheme: String, color: String)],
    unit: (String) -> MetricUnit, yTitle: String
  ) -> SVGChart {
    let (positions, axis) = parameterAxis
    // Points in x order, so that a numeric axis draws each line left to right.
    let order = points.indices.sorted { (positions[$0], $0) < (positions[$1], $1) }
    var bounds: [Double] = []
    var marks: [ChartMark] = []
    var lineMarks: [ChartMark] = []
    var legend: [SVGChart.LegendEntry] = []
    for line in lines {
      let scale = unit(line.metric)
      var band = ChartBand(points: [], color: line.color)
      var series = ChartLine(points: [], color: line.color)
      for index in order {
        let point = points[index]
        let statistic = statistic(line.metric, line.scheme, at: point.index)
        let mean = statistic?.mean.map(scale.scaled) ?? .nan
        let low = statistic?.low.map(scale.scaled) ?? .nan
        let high = statistic?.high.map(scale.scaled) ?? .nan
        for value in [mean, low, high] where !value.isNaN { bounds.append(value) }
        band.points.append((positions[index], low, high))
        series.points.append((positions[index], mean))
        series.tooltips.append(
          "\(line.name) at \(label(of: point)): "
            + (statistic.map(Self.describe) ?? "no value"))
      }
      marks.append(.band(band))
      lineMarks.append(.line(series))
      legend.append(.init(label: line.name, color: line.color, symbol: .line))
    }
    var chart = SVGChart(
      title: title, x: axis,
      y: ChartAxis(
        title: yTitle,
        ticks: NiceTicks(covering: bounds.min() ?? 0, bounds.max() ?? 0)),
      width: Self.chartWidth, height: 300)
    chart.marks = marks + lineMarks
    chart.legend = legend
    return chart
  }

  private func metricFigure(_ metric: String) -> String {
    let schemes = runSchemes
    let highest =
      statistics.filter { $0.metric == metric && !$0.scheme.contains("/") }
      .flatMap { [$0.mean, $0.low, $0.high].compactMap { $0.map(abs) } }.max() ?? 0
    let unit = MetricUnit(column: metric, maximum: highest)
    let chart = chart(
      title: "\(metric) against \(parameterAxis.axis.title)",
      lines: schemes.enumerated().map { ($1, metric, $1, ChartPalette.color($0)) },
      unit: { _ in unit }, yTitle: unit.title(for: metric))
    return HTMLPage.figure(
      id: Self.figureID(metric), title: metric, panels: [("", chart.rendered)],
      caption: "\(metric): mean per point and scheme, band: 95% interval.")
  }

  /// The ratio rows (`bcfl/fedavg`): a line per metric whose ratio is not 1 everywhere.
  private var overheadFigure: String {
    var lines: [(name: String, metric: String, scheme: String, color: String)] = []
    var ones: [String] = []
    for scheme in ratioSchemes {
      for metric in metrics {
        let values = statistics.filter { $0.metric == metric && $0.scheme == scheme }
        guard values.contains(where: { $0.mean != nil }) else { continue }
        if values.allSatisfy({ $0.mean == nil || $0.mean == 1 }) {
          if !ones.contains(metric) { ones.append(metric) }
          continue
        }
        let name = ratioSchemes.count > 1 ? "\(scheme) \(metric)" : metric
        lines.append((name, metric, scheme, ChartPalette.color(lines.count)))
      }
    }
    let chart = chart(
      title: "Overhead ratios against \(parameterAxis.axis.title)", lines: lines,
      unit: { _ in .ratio }, yTitle: "ratio (×)")
    let schemesText = ratioSchemes.joined(separator: ", ")
    return HTMLPage.figure(
      id: "fig-overhead", title: "Overhead (\(schemesText))",
      panels: lines.isEmpty ? [] : [("", chart.rendered)],
      caption: "The ratio rows (\(schemesText): the blockchain figure over the vanilla one), a "
        + "line per metric, band: 95% interval."
        + (ones.isEmpty ? "" : " 1 at every point: " + ones.joined(separator: ", ") + "."))
  }
}
