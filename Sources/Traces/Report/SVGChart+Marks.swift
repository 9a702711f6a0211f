// MARK: - Drawing the marks

extension SVGChart {
  /// Draws one mark, clamped to the plot area.
  func draw(_ mark: ChartMark, into svg: inout MarkupWriter, _ area: PlotArea) {
    switch mark {
    case .span(let span): draw(span, into: &svg, area)
    case .rectangle(let rectangle): draw(rectangle, into: &svg, area)
    case .band(let band): draw(band, into: &svg, area)
    case .line(let line): draw(line, into: &svg, area)
    }
  }

  private func draw(_ span: ChartSpan, into svg: inout MarkupWriter, _ area: PlotArea) {
    let start = pixelX(span.x0, in: area)
    // At least a pixel wide, so that a window shorter than a pixel still shows.
    let end = max(pixelX(span.x1, in: area), start + 1)
    let attributes = [
      ("x", n(start)), ("y", n(area.top)), ("width", n(end - start)),
      ("height", n(area.bottom - area.top)), ("fill", span.color),
      ("fill-opacity", DecimalText.fixed(span.opacity, decimals: 2)),
    ]
    shape("rect", attributes, tooltip: span.tooltip, into: &svg)
  }

  private func draw(_ box: ChartRectangle, into svg: inout MarkupWriter, _ area: PlotArea) {
    // An empty piece of a stacked bar (a phase of 0 ns) draws nothing.
    guard box.x0 != box.x1, box.y0 != box.y1 else { return }
    let (xa, xb) = (pixelX(box.x0, in: area), pixelX(box.x1, in: area))
    let (ya, yb) = (pixelY(box.y0, in: area), pixelY(box.y1, in: area))
    var attributes = [
      ("x", n(min(xa, xb))), ("y", n(min(ya, yb))), ("width", n(abs(xb - xa))),
      ("height", n(abs(yb - ya))), ("fill", box.color),
    ]
    if box.opacity < 1 {
      attributes.append(("fill-opacity", DecimalText.fixed(box.opacity, decimals: 2)))
    }
    shape("rect", attributes, tooltip: box.tooltip, into: &svg)
  }

  private func draw(_ band: ChartBand, into svg: inout MarkupWriter, _ area: PlotArea) {
    // One polygon per run of points with both ends: the upper curve left to right, then the
    // lower one back. A run of one point (its neighbours have no interval) has no width: it
    // is drawn as a bar of the interval instead.
    for run in Self.runs(of: band.points, where: { !$0.low.isNaN && !$0.high.isNaN }) {
      if run.count == 1 {
        let x = n(pixelX(run[0].x, in: area))
        svg.empty(
          "line",
          [
            ("x1", x), ("y1", n(pixelY(run[0].low, in: area))), ("x2", x),
            ("y2", n(pixelY(run[0].high, in: area))), ("stroke", band.color),
            ("stroke-opacity", DecimalText.fixed(min(1, band.opacity * 2), decimals: 2)),
            ("stroke-width", "6"),
          ])
        continue
      }
      let upper = run.map { "\(n(pixelX($0.x, in: area))),\(n(pixelY($0.high, in: area)))" }
      let lower = run.reversed().map {
        "\(n(pixelX($0.x, in: area))),\(n(pixelY($0.low, in: area)))"
      }
      svg.empty(
        "polygon",
        [
          ("points", (upper + lower).joined(separator: " ")), ("fill", band.color),
          ("fill-opacity", DecimalText.fixed(band.opacity, decimals: 2)), ("stroke", "none"),
        ])
    }
  }

  private func draw(_ line: ChartLine, into svg: inout MarkupWriter, _ area: PlotArea) {
    if line.joining != .none {
      for run in Self.runs(of: line.points, where: { !$0.y.isNaN }) where run.count > 1 {
        var vertices: [String] = []
        var previousY: Double?
        for point in run {
          let (px, py) = (n(pixelX(point.x, in: area)), pixelY(point.y, in: area))
          // A step holds the previous value until the next point's x, then rises to it.
          if line.joining == .steps, let previousY { vertices.append("\(px),\(n(previousY))") }
          vertices.append("\(px),\(n(py))")
          previousY = py
        }
        var attributes = [
          ("points", vertices.joined(separator: " ")), ("fill", "none"), ("stroke", line.color),
          ("stroke-width", "2"), ("stroke-linejoin", "round"),
        ]
        if line.isDashed { attributes.append(("stroke-dasharray", "6 4")) }
        svg.empty("polyline", attributes)
      }
    }
    guard line.hasDots else { return }
    for (index, point) in line.points.enumerated() where !point.y.isNaN {
      let attributes = [
        ("cx", n(pixelX(point.x, in: area))), ("cy", n(pixelY(point.y, in: area))), ("r", "3"),
        ("fill", line.color),
      ]
      let tooltip = index < line.tooltips.count ? line.tooltips[index] : ""
      shape("circle", attributes, tooltip: tooltip, into: &svg)
    }
  }

  /// An element without content, or with a tooltip as its only content.
  private func shape(
    _ name: String, _ attributes: [(String, String)], tooltip: String,
    into svg: inout MarkupWriter
  ) {
    if tooltip.isEmpty {
      svg.empty(name, attributes)
    } else {
      svg.open(name, attributes)
      svg.element("title", text: tooltip)
      svg.close(name)
    }
  }

  /// The maximal runs of consecutive elements that satisfy `isDrawn`.
  static func runs<Element>(of elements: [Element], where isDrawn: (Element) -> Bool)
    -> [[Element]]
  {
    var runs: [[Element]] = []
    var current: [Element] = []
    for element in elements {
      if isDrawn(element) {
        current.append(element)
      } else if !current.isEmpty {
        runs.append(current)
        current = []
      }
    }
    if !current.isEmpty { runs.append(current) }
    return runs
  }
}
