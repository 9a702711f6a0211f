/// The report's colours: Okabe and Ito's palette for colour-blind readers (M. Okabe, K. Ito,
/// *Color Universal Design*, 2008), with its yellow darkened to read on white.
///
/// A series keeps its colour across every figure of a page: a scheme is coloured by its place in
/// `summary.csv`, a phase and an update fate by their place in the trace's vocabulary.
enum ChartPalette {
  /// Colours for series in order: blue, orange, green, vermillion, reddish purple, sky blue,
  /// dark yellow, grey.
  static let series = [
    "#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#b59b00", "#7f7f7f",
  ]

  /// The colour of the series at `index`, repeating after the eighth.
  static func color(_ index: Int) -> String { series[index % series.count] }

  /// The shade of fault windows.
  static let fault = "#7f7f7f"
  /// Gridlines, axes and text.
  static let grid = "#e3e3e3"
  static let axis = "#8c8c8c"
  static let text = "#333333"
}
