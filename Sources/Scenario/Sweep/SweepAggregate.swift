import Traces

/// `sweep.csv` and `sweep-stats.csv`, made from the `summary.csv` of every run of a sweep.
///
/// Pure: the caller reads the runs' files, so a merged sweep (after sharding) and a serial one
/// give the same bytes by construction.
public enum SweepAggregate {
  /// The two tables of `sweep`, from each run's `summary.csv` text, given in `sweep.allRuns`
  /// order.
  /// - Throws: a message naming the run whose summary cannot be read or has other columns.
  public static func render(_ sweep: SweepSpec, summaries: [(run: SweepRun, text: String)])
    throws(SweepAggregateError) -> (sweep: String, statistics: String)
  {
    var header: [String]?
    var sweepTable: CSVTable?
    // Rows per (point, scheme), schemes in order of first appearance within a point.
    var groups: [(point: Int, scheme: String, rows: [[String]])] = []
    for (run, text) in summaries {
      let rows: [[String]]
      do throws(CSVReadError) {
        rows = try CSVReader.rows(text)
      } catch {
        throw SweepAggregateError(run: run, message: "line \(error.line): \(error.message)")
      }
      guard let first = rows.first else {
        throw SweepAggregateError(run: run, message: "summary.csv is empty")
      }
      if header == nil {
        guard first.contains("scheme") else {
          throw SweepAggregateError(run: run, message: "summary.csv has no `scheme` column")
        }
        header = first
        sweepTable = CSVTable(columns: ["point"] + sweep.paths.map(\.description) + first)
      }
      guard first == header else {
        throw SweepAggregateError(
          run: run, message: "summary.csv's columns differ from the first run's")
      }
      let values = sweep.points[run.point].values.map { cell($0.value) }
      let schemeColumn = first.firstIndex(of: "scheme")!
      for row in rows.dropFirst() {
        guard row.count == first.count else {
          throw SweepAggregateError(
            run: run,
            message: "a summary.csv row has \(row.count) fields for \(first.count) columns")
        }
        sweepTable!.append([String(run.point)] + values + row)
        let scheme = row[schemeColumn]
        if let index = groups.firstIndex(where: { $0.point == run.point && $0.scheme == scheme }) {
          groups[index].rows.append(row)
        } else {
          groups.append((run.point, scheme, [row]))
        }
      }
    }
    guard let header, let sweepTable else {
      return ("", "")
    }
    return (sweepTable.rendered, statistics(sweep, header: header, groups: groups))
  }

  /// The columns of `sweep-stats.csv` after the point and the swept paths.
  static let statisticsColumns = [
    "scheme", "metric", "count", "mean", "sd", "ci95_low", "ci95_high",
  ]

  /// One row per point, scheme and numeric summary column (those after `scheme`): the mean,
  /// sample standard deviation and 95% Student-t interval of its non-empty values over the
  /// point's seeds and replications.
  private static func statistics(
    _ sweep: SweepSpec, header: [String], groups: [(point: Int, scheme: String, rows: [[String]])]
  ) -> String {
    var table = CSVTable(
      columns: ["point"] + sweep.paths.map(\.description) + statisticsColumns)
    let metricStart = header.firstIndex(of: "scheme")! + 1
    for group in groups {
      let values = sweep.points[group.point].values.map { cell($0.value) }
      for column in metricStart..<header.count {
        let sample = group.rows.compactMap { Double($0[column]) }
        let stats = SampleStatistics(sample)
        table.append(
          [String(group.point)] + values
            + [
              group.scheme, header[column], String(stats.count), CSVTable.format(stats.mean),
              CSVTable.format(stats.standardDeviation), CSVTable.format(stats.confidenceLow),
              CSVTable.format(stats.confidenceHigh),
            ])
      }
    }
    return table.rendered
  }

  /// A swept value in a CSV cell: a string as itself, anything else as compact JSON.
  static func cell(_ value: JSONValue) -> String {
    if case .string(let text) = value.kind { return text }
    return JSONWriter.compact(value)
  }
}

/// A run whose summary could not be merged.
public struct SweepAggregateError: Error, Sendable {
  public let run: SweepRun
  public let message: String
}
