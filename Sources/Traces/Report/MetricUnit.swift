/// How a trace column's numbers are shown on an axis: nanoseconds as seconds, bytes in kB, MB or
/// GB, other large numbers in thousands, millions or billions, so that tick labels stay short.
///
/// The unit is chosen from the column's name (`*_ns`, `*bytes*`) and the largest magnitude shown;
/// decimal prefixes, as the README quotes traffic (21.27 MB).
struct MetricUnit: Equatable, Sendable {
  /// What a value is divided by before it is drawn.
  let divisor: Double
  /// The unit in the axis title: `s`, `MB`, `millions`; empty for plain numbers.
  let name: String

  /// The unit for column `column` when the largest magnitude to show is `maximum`.
  init(column: String, maximum: Double) {
    let magnitude = abs(maximum)
    if column.hasSuffix("_ns") {
      (divisor, name) = (1e9, "s")
    } else if column.contains("bytes") {
      (divisor, name) =
        magnitude >= 1e9
        ? (1e9, "GB")
        : magnitude >= 1e6
          ? (1e6, "MB")
          : magnitude >= 1e3 ? (1e3, "kB") : (1, "bytes")
    } else {
      (divisor, name) =
        magnitude >= 1e9
        ? (1e9, "billions")
        : magnitude >= 1e6
          ? (1e6, "millions")
          : magnitude >= 1e4 ? (1e3, "thousands") : (1, "")
    }
  }

  /// A ratio (the `bcfl/fedavg` rows): shown as it is, labelled `×`.
  static let ratio = MetricUnit(divisor: 1, name: "×")

  private init(divisor: Double, name: String) {
    self.divisor = divisor
    self.name = name
  }

  /// `value` in this unit.
  func scaled(_ value: Double) -> Double { value / divisor }

  /// The axis title for column `column`: `total time (s)` for `total_time_ns`, `gas (billions)`.
  func title(for column: String) -> String {
    var label = column
    if label.hasSuffix("_ns") { label.removeLast(3) }
    label = label.split(separator: "_").joined(separator: " ")
    return name.isEmpty ? label : label + " (" + name + ")"
  }
}
