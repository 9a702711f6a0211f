/// `fedchain report`'s page: one self-contained HTML file for a run folder or a sweep folder,
/// with its figures drawn as inline SVG by `SVGChart`, the summary table, the scenario as run and
/// the manifest.
///
/// ```swift
/// let html = try ReportPage.render(folder: "traces/default")
/// try OutputFile.replace("traces/default/report.html", with: html)
/// ```
///
/// The same folder gives the same bytes: the page holds no date, no path but the one given, and
/// nothing ordered by hashing; numbers are written by `DecimalText`. Every text taken from the
/// folder is escaped (`HTMLText`). The page has no script and loads nothing.
public enum ReportPage {
  /// The page's file name inside the folder.
  public static let fileName = "report.html"

  /// The page for the folder at `path`: a run's (`manifest.json`, `summary.csv` and the traces
  /// present) or a sweep's (`sweep.json`, `sweep.csv`, `sweep-stats.csv`).
  /// - Throws: `ReportError` naming the folder or file, and the line, column and value of a bad
  ///   field.
  /// - Complexity: O(size of the traces read); the traces are read whole, each up to
  ///   `ReportFolder.limitBytes`.
  public static func render(folder path: String) throws(ReportError) -> String {
    let folder = try ReportFolder(path: path)
    switch folder.kind {
    case .run: return try RunReport(folder: folder).page.rendered
    case .sweep: return try SweepReport(folder: folder).page.rendered
    }
  }
}
