import SimCore

/// The report of a sweep folder: each summary metric against the swept parameter, a line per
/// scheme with its 95% interval band (`sweep-stats.csv`), a table of the means, and the sweep as
/// run (`sweep.json`).
///
/// The swept values are the columns of `sweep-stats.csv` between `point` and `scheme` (the
/// sweep's dotted paths). With one path whose values all read as numbers, durations, rates or
/// sizes, the x axis is numeric (durations in seconds, …); otherwise the points are categories
/// in the sweep's order, labelled with their values.
struct SweepReport {
  /// One row of `sweep-stats.csv`: a metric's statistics at a point, for a scheme.
  struct Statistic {
    var point: Int
    var scheme: String
    var metric: String
    var count: Int64
    var mean: Double?
    var standardDeviation: Double?
    var low: Double?
    var high: Double?
  }

  private struct StatisticKey: Hashable {
    var point: Int
    var scheme: String
    var metric: String
  }

  /// A point of the sweep: its index and the values of the swept paths there.
  struct Point {
    var index: Int
    var values: [String]
  }

  /// The columns of `sweep-stats.csv` after the point and the swept paths (written by the
  /// sweep's aggregate, `SweepAggregate.statisticsColumns`, a layer up).
  static let statisticsColumns = [
    "scheme", "metric", "count", "mean", "sd", "ci95_low", "ci95_high",
  ]

  let folder: ReportFolder
  let record: JSONValue
  /// The swept dotted paths.
  let paths: [String]
  private(set) var points: [Point] = []
  private(set) var schemes: [String] = []
  private(set) var metrics: [String] = []
  private(set) var statistics: [Statistic] = []
  /// Where each (point, scheme, metric) is in `statistics`, for look-up only (never iterated).
  private var positions: [StatisticKey: Int] = [:]
  /// Runs in `sweep.csv`: distinct (point, seed, run).
  private(set) var runCount = 0

  /// Reads and checks the sweep folder's files.
  /// - Throws: `ReportError` naming the first problem.
  init(folder: ReportFolder) throws(ReportError) {
    self.folder = folder
    record = try folder.fedchainJSON(
      "sweep.json", hint: "a sweep folder holds the sweep.json fedchain sweep writes first")
    let merge =
      "the sweep's runs are not merged yet; when they are all done, run `fedchain sweep "
      + "collect \(folder.path)`"
    let statsTable = try ReportTable(
      path: folder.file("sweep-stats.csv"), text: try folder.read("sweep-stats.csv", hint: merge),
      required: ["point"] + Self.statisticsColumns,
      schema: ["point", "<swept paths>"] + Self.statisticsColumns)
    let first = statsTable.header.firstIndex(of: "point")!
    let last = statsTable.header.firstIndex(of: "scheme")!
    paths = first < last ? Array(statsTable.header[(first + 1)..<last]) : []
    try readStatistics(statsTable)
    let runsTable = try ReportTable(
      path: folder.file("sweep.csv"), text: try folder.read("sweep.csv", hint: merge),
      required: ["point", "seed", "run", "scheme"],
      schema: ["point", "<swept paths>"] + TraceSchema.summary)
    var runs: [[Int64]] = []
    for row in runsTable.rows.indices {
      runs.append([
        try runsTable.integer(row, "point"), try runsTable.integer(row, "seed"),
        try runsTable.integer(row, "run"),
      ])
    }
    // A run has a row per scheme (and its ratio row): count the distinct triples.
    runs.sort { $0.lexicographicallyPrecedes($1) }
    runCount = zip(runs.indices, runs).count { $0 == 0 || runs[$0 - 1] != $1 }
  }

  private mutating func readStatistics(_ table: ReportTable) throws(ReportError) {
    guard !table.rows.isEmpty else {
      throw .emptyTable(
        path: table.path, needed: "no rows; a merged sweep has a row per point, scheme and metric")
    }
    for row in table.rows.indices {
      let point = try table.integer(row, "point", meaning: "the point's index")
      guard point <= Int64(Int32.max) else {
        throw table.bad(row, "point", table.text(row, "point"), "a point index below 2³¹")
      }
      let values = paths.map { table.text(row, $0) }
      if let known = points.first(where: { $0.index == Int(point) }) {
        guard known.values == values else {
          throw table.bad(
            row, paths.first ?? "point", values.joined(separator: ", "),
            "the swept values the point has in its earlier rows ("
              + known.values.joined(separator: ", ") + ")")
        }
      } else {
        points.append(Point(index: Int(point), values: values))
      }
      let scheme = try table.nonEmpty(row, "scheme", meaning: "a scheme name")
      let metric = try table.nonEmpty(row, "metric", meaning: "a summary column name")
      if !schemes.contains(scheme) { schemes.append(scheme) }
      if !metrics.contains(metric) { metrics.append(metric) }
      let key = StatisticKey(point: Int(point), scheme: scheme, metric: metric)
      guard positions[key] == nil else {
        throw table.bad(
          row, "metric", metric,
          "one row per point, scheme and metric (point \(point) and "
            + "scheme `\(scheme)` have it already)")
      }
      positions[key] = statistics.count
      statistics.append(
        Statistic(
          point: Int(point), scheme: scheme, metric: metric,
          count: try table.integer(row, "count", meaning: "the runs with a value"),
          mean: try table.optionalNumber(row, "mean"),
          standardDeviation: try table.optionalNumber(row, "sd"),
          low: try table.optionalNumber(row, "ci95_low"),
          high: try table.optionalNumber(row, "ci95_high")))
    }
  }

  /// The statistic of `metric` for `scheme` at point `point`, if the file has it.
  func statistic(_ metric: String, _ scheme: String, at point: Int) -> Statistic? {
    positions[StatisticKey(point: point, scheme: scheme, metric: metric)].map { statistics[$0] }
  }

  /// A point's label: its values joined (`500ms`; `1s, 20Mbps` for two paths).
  func label(of point: Point) -> String {
    point.values.isEmpty ? "point \(point.index)" : point.values.joined(separator: ", ")
  }

  // MARK: - The swept parameter as an axis

  /// The x position of each point (in `points` order) and the axis: numeric when there is one
  /// path and every value reads as a number, a duration, a rate or a size; else categories.
  var parameterAxis: (positions: [Double], axis: ChartAxis) {
    if paths.count == 1, let numeric = Self.numeric(points.map { $0.values[0] }) {
      let (lowest, highest) = (numeric.values.min()!, numeric.values.max()!)
      let title = paths[0] + (numeric.unit.isEmpty ? "" : " (\(numeric.unit))")
      return (numeric.values, ChartAxis(title: title, ticks: NiceTicks(covering: lowest, highest)))
    }
    let title = paths.isEmpty ? "point" : paths.joined(separator: ", ")
    return (points.indices.map(Double.init), ChartAxis(title: title, categories: points.map(label)))
  }

  /// `texts` as numbers in one unit, or nil when they are not all of one kind.
  static func numeric(_ texts: [String]) -> (values: [Double], unit: String)? {
    guard !texts.isEmpty else { return nil }
    let plain = texts.compactMap { Double($0) }.filter(\.isFinite)
    if plain.count == texts.count { return (plain, "") }
    let durations = texts.compactMap { SimDuration(parsing: $0) }
    if durations.count == texts.count {
      return (durations.map { Double($0.nanoseconds) / 1e9 }, "s")
    }
    let rates = texts.compactMap { BitRate(parsing: $0) }
    if rates.count == texts.count {
      let values = rates.map { Double($0.bitsPerSecond) }
      let (divisor, unit) = Self.rateUnit(values.max() ?? 0)
      return (values.map { $0 / divisor }, unit)
    }
    let sizes = texts.compactMap { ByteCount(parsing: $0) }
    if sizes.count == texts.count {
      let values = sizes.map { Double($0.bytes) }
      let unit = MetricUnit(column: "bytes", maximum: values.max() ?? 0)
      return (values.map(unit.scaled), unit.name)
    }
    return nil
  }

  private static func rateUnit(_ highest: Double) -> (Double, String) {
    highest >= 1e9
      ? (1e9, "Gbit/s")
      : highest >= 1e6
        ? (1e6, "Mbit/s")
        : highest >= 1e3
          ? (1e3, "kbit/s")
          : (1, "bit/s")
  }
}
