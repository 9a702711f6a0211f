/// One axis of an `SVGChart`: a range of numbers with labelled ticks, or a list of named
/// categories.
///
/// The axis knows nothing about pixels; `fraction(of:)` says how far along it a value lies, and
/// the chart turns that into a position.
struct ChartAxis: Sendable {
  /// A labelled position on the axis.
  struct Tick: Equatable, Sendable {
    var value: Double
    var label: String
  }

  /// The axis title, with its unit: `simulated time (s)`.
  var title: String
  /// The value at the axis's start.
  let lower: Double
  /// The value at the axis's end.
  let upper: Double
  /// The labelled positions, inside `lower…upper`.
  let ticks: [Tick]
  /// The category names for a category axis (category `i` sits at `i`), else empty.
  let categories: [String]

  /// A numeric axis from the first tick to the last.
  init(title: String, ticks: NiceTicks) {
    self.title = title
    self.lower = ticks.lower
    self.upper = ticks.upper
    self.ticks = zip(ticks.values, ticks.labels).map { Tick(value: $0, label: $1) }
    self.categories = []
  }

  /// A numeric axis from `lower` to `upper` exactly, labelled with the ticks inside it: for
  /// rounds 1…20, whose bars would leave a gap at the ends of a 0…25 axis.
  /// - Precondition: `lower < upper`.
  init(title: String, from lower: Double, to upper: Double, ticks: NiceTicks) {
    precondition(lower < upper, "ChartAxis: empty range \(lower)…\(upper)")
    self.title = title
    self.lower = lower
    self.upper = upper
    self.ticks = zip(ticks.values, ticks.labels)
      .filter { $0.0 >= lower && $0.0 <= upper }
      .map { Tick(value: $0, label: $1) }
    self.categories = []
  }

  /// A category axis: category `i` is centred on the value `i`, in a slot from `i − 0.5` to
  /// `i + 0.5`.
  /// - Precondition: at least one category.
  init(title: String, categories: [String]) {
    precondition(!categories.isEmpty, "ChartAxis: no categories")
    self.title = title
    self.lower = -0.5
    self.upper = Double(categories.count) - 0.5
    self.ticks = categories.enumerated().map { Tick(value: Double($0.offset), label: $0.element) }
    self.categories = categories
  }

  /// True for a category axis.
  var isCategorical: Bool { !categories.isEmpty }

  /// How far along the axis `value` lies, 0 at `lower` and 1 at `upper`, clamped to 0…1 so that
  /// a mark reaching past the axis (a fault window running past the last round) stops at its
  /// edge.
  func fraction(of value: Double) -> Double {
    let fraction = (value - lower) / (upper - lower)
    // An axis whose ends overflowed to infinity (numbers near the largest double) puts
    // everything at its start rather than at NaN.
    guard !fraction.isNaN else { return 0 }
    return min(1, max(0, fraction))
  }
}
