/// A small chart drawn as SVG text: a legend above the plot, axes with gridlines and tick labels,
/// and marks (lines, bands, rectangles, shaded spans) placed from data coordinates.
///
/// ```swift
/// var chart = SVGChart(
///   title: "Accuracy", x: ChartAxis(title: "time (s)", ticks: NiceTicks(covering: 0, 8)),
///   y: ChartAxis(title: "accuracy", ticks: NiceTicks(covering: 0, 1)))
/// chart.marks.append(.line(ChartLine(points: [(0.4, 0.53), (7.9, 0.97)], color: "#0072b2")))
/// let svg = chart.rendered  // "<svg xmlns=…>…</svg>"
/// ```
///
/// The layout is arithmetic on the chart's size and the lengths of its labels, each character
/// taken as `characterWidth` pixels of the 12 px font, never measured by a browser; coordinates
/// are written with one decimal by `DecimalText`. So a chart is the same bytes on every machine,
/// and a test can say where a point lands: a value `v` of the x axis is at
/// `left + (v − lower) / (upper − lower) × (right − left)`, and of the y axis at
/// `bottom − (v − lower) / (upper − lower) × (bottom − top)`, clamped to the plot.
struct SVGChart: Sendable {
  /// A line of the legend: a coloured symbol and its label.
  struct LegendEntry: Sendable {
    enum Symbol: Sendable { case line, dashedLine, box, dot }
    var label: String
    var color: String
    var symbol: Symbol
  }

  /// The plot area's edges in pixels from the chart's top-left corner.
  struct PlotArea: Equatable, Sendable {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double
  }

  /// What the chart shows, for screen readers (the SVG's `<title>`).
  var title: String
  var x: ChartAxis
  var y: ChartAxis
  var width = 640.0
  var height = 280.0
  var marks: [ChartMark] = []
  var legend: [LegendEntry] = []

  /// The assumed width of one character of the 12 px font, generous for digits and lower case.
  static let characterWidth = 7.0
  /// The height of one legend row.
  static let legendRowHeight = 18.0
  /// The longest category label on the y axis, in characters, before it is cut.
  static let maximumYLabelCharacters = 30

  // MARK: - Layout

  /// The legend's entries with their positions, row by row, wrapping at the chart's width.
  private var legendLayout: [(entry: LegendEntry, x: Double, row: Int)] {
    var placed: [(entry: LegendEntry, x: Double, row: Int)] = []
    var (cursor, row) = (8.0, 0)
    for entry in legend {
      let entryWidth = 22 + Double(entry.label.count) * Self.characterWidth + 12
      if cursor > 8 && cursor + entryWidth > width - 8 {
        (cursor, row) = (8, row + 1)
      }
      placed.append((entry, cursor, row))
      cursor += entryWidth
    }
    return placed
  }

  /// The y axis's labels as drawn: category names cut to `maximumYLabelCharacters`.
  private var yLabels: [String] {
    y.ticks.map { Self.cut($0.label, to: Self.maximumYLabelCharacters) }
  }

  /// The longest slanted x label, in characters, before it is cut.
  static let maximumSlantedCharacters = 24

  /// How the x labels are drawn: level, or slanted by 30° when a category label is wider than
  /// its slot (message kinds like `transaction-announce`); and how far below the axis slanted
  /// labels reach beyond a level one (sin 30° of their width).
  private var xLabelLayout: (isSlanted: Bool, extraDepth: Double) {
    guard x.isCategorical else { return (false, 0) }
    let (left, right) = horizontalExtent
    let slotCharacters = (right - left) / Double(x.categories.count) / Self.characterWidth - 1
    let longest = x.categories.map(\.count).max() ?? 0
    guard Double(longest) > slotCharacters else { return (false, 0) }
    return (true, Double(min(longest, Self.maximumSlantedCharacters)) * Self.characterWidth / 2)
  }

  /// The plot's left and right edges: right of the y labels and title, and a margin short of
  /// the chart's right edge for the last x label.
  private var horizontalExtent: (left: Double, right: Double) {
    let labelWidth = Double(yLabels.map(\.count).max() ?? 0) * Self.characterWidth
    return ((y.title.isEmpty ? 8 : 26) + labelWidth + 8, width - 16)
  }

  /// Where the plot goes: below the legend, right of the y labels and title, above the x labels
  /// and title.
  var plotArea: PlotArea {
    let rows = legend.isEmpty ? 0 : (legendLayout.last?.row ?? 0) + 1
    let top = 10 + Double(rows) * Self.legendRowHeight + (rows > 0 ? 4 : 0)
    let (left, right) = horizontalExtent
    return PlotArea(
      left: left, top: top, right: right, bottom: height - 40 - xLabelLayout.extraDepth)
  }

  /// The horizontal pixel of the x value `value`.
  func pixelX(_ value: Double, in area: PlotArea) -> Double {
    area.left + x.fraction(of: value) * (area.right - area.left)
  }

  /// The vertical pixel of the y value `value`.
  func pixelY(_ value: Double, in area: PlotArea) -> Double {
    area.bottom - y.fraction(of: value) * (area.bottom - area.top)
  }

  // MARK: - Rendering

  /// The chart as one `<svg>` element.
  /// - Complexity: O(marks' points + ticks + legend entries).
  var rendered: String {
    let area = plotArea
    var svg = MarkupWriter()
    svg.open(
      "svg",
      [
        ("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(n(width)) \(n(height))"),
        ("width", n(width)), ("height", n(height)), ("role", "img"),
        ("font-family", "sans-serif"), ("font-size", "12"), ("fill", ChartPalette.text),
      ])
    svg.element("title", text: title)
    drawGrid(into: &svg, area)
    for mark in marks { draw(mark, into: &svg, area) }
    drawAxes(into: &svg, area)
    drawLegend(into: &svg)
    svg.close("svg")
    return svg.text
  }

  private func drawGrid(into svg: inout MarkupWriter, _ area: PlotArea) {
    if !y.isCategorical {
      for tick in y.ticks {
        let py = n(pixelY(tick.value, in: area))
        svg.empty(
          "line",
          [
            ("x1", n(area.left)), ("y1", py), ("x2", n(area.right)), ("y2", py),
            ("stroke", ChartPalette.grid),
          ])
      }
    }
    if !x.isCategorical {
      for tick in x.ticks {
        let px = n(pixelX(tick.value, in: area))
        svg.empty(
          "line",
          [
            ("x1", px), ("y1", n(area.top)), ("x2", px), ("y2", n(area.bottom)),
            ("stroke", ChartPalette.grid),
          ])
      }
    }
  }

  private func drawAxes(into svg: inout MarkupWriter, _ area: PlotArea) {
    let (left, bottom) = (n(area.left), n(area.bottom))
    svg.empty(
      "path",
      [
        ("d", "M\(left) \(n(area.top))V\(bottom)H\(n(area.right))"), ("fill", "none"),
        ("stroke", ChartPalette.axis),
      ])
    for (tick, label) in zip(y.ticks, yLabels) {
      let attributes = [
        ("x", n(area.left - 6)), ("y", n(pixelY(tick.value, in: area) + 4)),
        ("text-anchor", "end"),
      ]
      svg.element("text", attributes, text: label, tooltip: label == tick.label ? "" : tick.label)
    }
    // A slanted category label is cut to `maximumSlantedCharacters`; a number label never is.
    let (isSlanted, extraDepth) = xLabelLayout
    for tick in x.ticks {
      let (px, py) = (n(pixelX(tick.value, in: area)), n(area.bottom + 16))
      let label = isSlanted ? Self.cut(tick.label, to: Self.maximumSlantedCharacters) : tick.label
      let attributes =
        isSlanted
        ? [("x", px), ("y", py), ("transform", "rotate(-30 \(px) \(py))"), ("text-anchor", "end")]
        : [("x", px), ("y", py), ("text-anchor", "middle")]
      svg.element("text", attributes, text: label, tooltip: label == tick.label ? "" : tick.label)
    }
    svg.element(
      "text",
      [
        ("x", n((area.left + area.right) / 2)), ("y", n(area.bottom + extraDepth + 33)),
        ("text-anchor", "middle"),
      ], text: x.title)
    if !y.title.isEmpty {
      let middle = n((area.top + area.bottom) / 2)
      svg.element(
        "text",
        [("transform", "translate(14 \(middle)) rotate(-90)"), ("text-anchor", "middle")],
        text: y.title)
    }
  }

  private func drawLegend(into svg: inout MarkupWriter) {
    for (entry, left, row) in legendLayout {
      let middle = 10 + Double(row) * Self.legendRowHeight + 6
      switch entry.symbol {
      case .box:
        svg.empty(
          "rect",
          [
            ("x", n(left + 2)), ("y", n(middle - 6)), ("width", "14"), ("height", "12"),
            ("fill", entry.color),
          ])
      case .dot:
        svg.empty(
          "circle", [("cx", n(left + 9)), ("cy", n(middle)), ("r", "3.5"), ("fill", entry.color)])
      case .line, .dashedLine:
        var attributes = [
          ("x1", n(left)), ("y1", n(middle)), ("x2", n(left + 18)), ("y2", n(middle)),
          ("stroke", entry.color), ("stroke-width", "2.5"),
        ]
        if entry.symbol == .dashedLine { attributes.append(("stroke-dasharray", "5 3")) }
        svg.empty("line", attributes)
      }
      svg.element("text", [("x", n(left + 22)), ("y", n(middle + 4))], text: entry.label)
    }
  }

  /// `text`, or its first `limit − 1` characters and an ellipsis.
  static func cut(_ text: String, to limit: Int) -> String {
    text.count <= limit ? text : String(text.prefix(max(limit - 1, 1))) + "…"
  }

  /// A pixel coordinate as text: one decimal.
  func n(_ value: Double) -> String { DecimalText.fixed(value, decimals: 1) }
}
