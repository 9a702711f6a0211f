import Testing

@testable import Traces

/// A chart whose plot area is 100 × 100 pixels, so positions can be read off by hand.
///
/// Layout: no legend, so the plot's top is 10; the y labels are three characters (`0.0` … `1.0`)
/// of 7 px and the y axis has a title, so its left is 26 + 21 + 8 = 55; the right is the width
/// less 16 and the bottom the height less 40. A width of 171 and a height of 150 give a plot from
/// (55, 10) to (155, 110). The x ticks over 0…10 are 0, 2, …, 10 and the y ticks over 0…1 are
/// 0.0, 0.2, …, 1.0, so the axes run exactly over those ranges.
struct SVGChartTests {
  private func chart() -> SVGChart {
    SVGChart(
      title: "known points", x: ChartAxis(title: "x", ticks: NiceTicks(covering: 0, 10)),
      y: ChartAxis(title: "y", ticks: NiceTicks(covering: 0, 1)), width: 171, height: 150)
  }

  @Test func plotAreaIsWhereTheLayoutPutsIt() {
    #expect(chart().plotArea == SVGChart.PlotArea(left: 55, top: 10, right: 155, bottom: 110))
    // One legend row moves the top down by its 18 px and 4 px of space.
    var withLegend = chart()
    withLegend.legend = [.init(label: "a", color: "#000", symbol: .line)]
    #expect(withLegend.plotArea.top == 32)
  }

  @Test func pointsLandWhereComputedByHand() {
    var chart = chart()
    // x = 2.5 is a quarter of 0…10: 55 + 25 = 80; y = 0.25: 110 − 25 = 85. x = 12 is past the
    // axis and is clamped to its end, 155.
    chart.marks = [
      .line(
        ChartLine(
          points: [(0, 0), (2.5, 0.25), (5, 0.5), (10, 1), (12, 0.5)], color: "#0072b2",
          tooltips: ["origin"]))
    ]
    let svg = chart.rendered
    #expect(
      svg.contains(
        "points=\"55.0,110.0 80.0,85.0 105.0,60.0 155.0,10.0 155.0,60.0\""))
    #expect(svg.contains("<circle cx=\"55.0\" cy=\"110.0\" r=\"3\" fill=\"#0072b2\">"))
    #expect(svg.contains("<title>origin</title></circle>"))
    #expect(svg.contains("<circle cx=\"105.0\" cy=\"60.0\" r=\"3\" fill=\"#0072b2\"/>"))
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 171.0 150.0\""))
    #expect(svg.hasSuffix("</svg>"))
  }

  @Test func rectanglesSpansAndStepsByHand() {
    var chart = chart()
    chart.marks = [
      // x 2…4 is 75…95, y 0…0.5 is 110…60: a 20 × 50 box from (75, 60).
      .rectangle(ChartRectangle(x0: 2, x1: 4, y0: 0, y1: 0.5, color: "#009e73")),
      // An empty piece of a stacked bar draws nothing.
      .rectangle(ChartRectangle(x0: 2, x1: 4, y0: 0.5, y1: 0.5, color: "#d55e00")),
      // x 6…8 is 115…135 over the whole plot height.
      .span(ChartSpan(x0: 6, x1: 8, color: "#7f7f7f")),
      // A step holds 0 until x = 5, then rises to 0.5.
      .line(
        ChartLine(points: [(0, 0), (5, 0.5)], color: "#e69f00", joining: .steps, hasDots: false)),
    ]
    let svg = chart.rendered
    #expect(
      svg.contains(
        "<rect x=\"75.0\" y=\"60.0\" width=\"20.0\" height=\"50.0\" fill=\"#009e73\"/>"))
    #expect(!svg.contains("#d55e00"))
    #expect(
      svg.contains(
        "<rect x=\"115.0\" y=\"10.0\" width=\"20.0\" height=\"100.0\" fill=\"#7f7f7f\" "
          + "fill-opacity=\"0.12\"/>"))
    #expect(svg.contains("points=\"55.0,110.0 105.0,110.0 105.0,60.0\""))
    #expect(!svg.contains("<circle"))
  }

  @Test func missingValuesBreakTheLineAndTheBand() {
    var chart = chart()
    chart.marks = [
      .line(ChartLine(points: [(0, 0), (5, .nan), (10, 1)], color: "#000")),
      .band(ChartBand(points: [(0, 0, 0.2), (5, .nan, .nan), (10, 0.8, 1)], color: "#000")),
    ]
    let svg = chart.rendered
    // Runs of one point draw no line, only the two dots, and their intervals as bars: at x = 0
    // from y 0 to 0.2 (110 to 90), at x = 10 from 0.8 to 1 (30 to 10).
    #expect(!svg.contains("<polyline"))
    #expect(!svg.contains("<polygon"))
    #expect(svg.ranges(of: "<circle").count == 2)
    #expect(svg.contains("<line x1=\"55.0\" y1=\"110.0\" x2=\"55.0\" y2=\"90.0\" stroke=\"#000\""))
    #expect(svg.contains("<line x1=\"155.0\" y1=\"30.0\" x2=\"155.0\" y2=\"10.0\" stroke=\"#000\""))
  }

  @Test func bandRunsAlongTheUpperCurveAndBackAlongTheLower() {
    var chart = chart()
    chart.marks = [.band(ChartBand(points: [(0, 0, 0.2), (10, 0.8, 1)], color: "#000"))]
    // Upper: (55, 90), (155, 10); lower back: (155, 30), (55, 110).
    #expect(chart.rendered.contains("points=\"55.0,90.0 155.0,10.0 155.0,30.0 55.0,110.0\""))
  }

  @Test func gridAxesAndLabels() {
    let svg = chart().rendered
    // A gridline at y = 0.6 (110 − 60 = 50) and its label 4 px lower, right-aligned 6 px left.
    #expect(svg.contains("<line x1=\"55.0\" y1=\"50.0\" x2=\"155.0\" y2=\"50.0\""))
    #expect(svg.contains("<text x=\"49.0\" y=\"54.0\" text-anchor=\"end\">0.6</text>"))
    #expect(svg.contains("<text x=\"135.0\" y=\"126.0\" text-anchor=\"middle\">8</text>"))
    #expect(svg.contains("<path d=\"M55.0 10.0V110.0H155.0\""))
  }

  @Test func categoriesSitInTheMiddleOfTheirSlots() {
    // Two categories: the axis runs −0.5…1.5, so category 0 is a quarter along, category 1 three
    // quarters.
    let axis = ChartAxis(title: "", categories: ["a", "b"])
    #expect(axis.fraction(of: 0) == 0.25 && axis.fraction(of: 1) == 0.75)
    #expect(axis.isCategorical && axis.ticks.map(\.label) == ["a", "b"])
  }

  @Test func categoryLabelsWiderThanTheirSlotsAreSlanted() {
    // Two categories in a 100 px plot: 50 px slots hold 50 / 7 − 1 = 6 characters, so the
    // 20-character label slants, and the plot's bottom rises by 20 × 7 / 2 = 70 px.
    let labels = ["model", "transaction-announce"]
    var chart = SVGChart(
      title: "slanted", x: ChartAxis(title: "kind", categories: labels),
      y: ChartAxis(title: "y", ticks: NiceTicks(covering: 0, 1)), width: 171, height: 220)
    #expect(chart.plotArea.bottom == 220 - 40 - 70)
    // Category 1 is three quarters along: 55 + 75 = 130; its label 16 px under the axis.
    #expect(
      chart.rendered.contains(
        "<text x=\"130.0\" y=\"126.0\" transform=\"rotate(-30 130.0 126.0)\" "
          + "text-anchor=\"end\">transaction-announce</text>"))
    chart.x = ChartAxis(title: "kind", categories: ["a", "b"])
    #expect(chart.plotArea.bottom == 180 && !chart.rendered.contains("rotate(-30"))
  }

  @Test func textIsEscaped() {
    var chart = SVGChart(
      title: "<b>", x: ChartAxis(title: "\"x\"", categories: ["a&b"]),
      y: ChartAxis(title: "y", ticks: NiceTicks(covering: 0, 1)))
    chart.legend = [.init(label: "<script>", color: "#000", symbol: .box)]
    let svg = chart.rendered
    #expect(svg.contains("<title>&lt;b&gt;</title>"))
    #expect(svg.contains(">&quot;x&quot;</text>"))
    #expect(svg.contains(">a&amp;b</text>"))
    #expect(svg.contains(">&lt;script&gt;</text>"))
    #expect(!svg.contains("<script"))
  }
}
