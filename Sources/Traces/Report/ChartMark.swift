/// What an `SVGChart` draws inside its plot area, in data coordinates; marks are drawn in the
/// order given, later ones on top.
enum ChartMark: Sendable {
  /// A series of points joined by a line, with optional dots.
  case line(ChartLine)
  /// A shaded band between a lower and an upper curve: a confidence interval.
  case band(ChartBand)
  /// A rectangle: a bar, a piece of a stacked bar, a span in a lane.
  case rectangle(ChartRectangle)
  /// A window of the x axis shaded over the plot's whole height: a fault.
  case span(ChartSpan)
}

/// A line series. A point whose `y` is NaN breaks the line there (a round without accuracy).
struct ChartLine: Sendable {
  /// How consecutive points are joined.
  enum Joining: Sendable {
    /// Straight segments.
    case straight
    /// A horizontal segment to the next point's x, then a vertical one: a count over time.
    case steps
    /// Not joined: dots only.
    case none
  }

  var points: [(x: Double, y: Double)]
  var color: String
  var joining: Joining = .straight
  var hasDots = true
  var isDashed = false
  /// A tooltip per point (an SVG `<title>` on its dot), or empty.
  var tooltips: [String] = []
}

/// A band between `low` and `high` over `x`; a point with a NaN end is left out.
struct ChartBand: Sendable {
  var points: [(x: Double, low: Double, high: Double)]
  var color: String
  var opacity = 0.18
}

/// An axis-aligned rectangle from `(x0, y0)` to `(x1, y1)` in data coordinates.
struct ChartRectangle: Sendable {
  var x0: Double
  var x1: Double
  var y0: Double
  var y1: Double
  var color: String
  var opacity = 1.0
  /// Shown when the pointer rests on it (an SVG `<title>`); empty for none.
  var tooltip = ""
}

/// The x-axis window `x0…x1`, shaded from the bottom of the plot to the top.
struct ChartSpan: Sendable {
  var x0: Double
  var x1: Double
  var color: String
  var opacity = 0.12
  var tooltip = ""
}
