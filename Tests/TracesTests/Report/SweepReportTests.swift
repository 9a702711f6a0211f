import Foundation
import Testing

@testable import Traces

/// The sweep page on a hand-written merged sweep: three block periods, fedavg, bcfl and their
/// ratio row, two metrics (one 0 everywhere).
struct SweepReportTests {
  private static let stats = """
    point,workload.chain.blockPeriod,scheme,metric,count,mean,sd,ci95_low,ci95_high
    0,500ms,fedavg,total_time_ns,2,8000000000.0,0.0,8000000000.0,8000000000.0
    0,500ms,fedavg,gas,2,0.0,0.0,0.0,0.0
    0,500ms,bcfl,total_time_ns,2,10000000000.0,1000000000.0,1000000000.0,19000000000.0
    0,500ms,bcfl,gas,2,0.0,0.0,0.0,0.0
    0,500ms,bcfl/fedavg,total_time_ns,2,1.25,0.1,0.35,2.15
    0,500ms,bcfl/fedavg,gas,0,,,,
    1,1s,fedavg,total_time_ns,2,8000000000.0,0.0,8000000000.0,8000000000.0
    1,1s,fedavg,gas,2,0.0,0.0,0.0,0.0
    1,1s,bcfl,total_time_ns,1,20000000000.0,,,
    1,1s,bcfl,gas,2,0.0,0.0,0.0,0.0
    1,1s,bcfl/fedavg,total_time_ns,1,2.5,,,
    1,1s,bcfl/fedavg,gas,0,,,,
    2,2s,fedavg,total_time_ns,2,8000000000.0,0.0,8000000000.0,8000000000.0
    2,2s,fedavg,gas,2,0.0,0.0,0.0,0.0
    2,2s,bcfl,total_time_ns,2,40000000000.0,0.0,40000000000.0,40000000000.0
    2,2s,bcfl,gas,2,0.0,0.0,0.0,0.0
    2,2s,bcfl/fedavg,total_time_ns,2,5.0,0.0,5.0,5.0
    2,2s,bcfl/fedavg,gas,0,,,,

    """

  private func sweepFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("fedchain-report-sweep-\(getpid())").path
    try? FileManager.default.removeItem(atPath: path)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    var runs = "point,workload.chain.blockPeriod,time_ns,run,seed,scenario,scheme,rounds\n"
    for (point, value) in ["500ms", "1s", "2s"].enumerated() {
      for seed in 1...2 {
        for scheme in ["fedavg", "bcfl", "bcfl/fedavg"] {
          runs += "\(point),\(value),1,0,\(seed),default,\(scheme),20\n"
        }
      }
    }
    let files = [
      (
        "sweep.json",
        #"{"tool": "fedchain", "version": "0.2.0", "id": "abc", "sweep_file": "s.json", "#
          + #""sweep": {"grid": {"workload.chain.blockPeriod": ["500ms", "1s", "2s"]}}}"#
      ),
      ("sweep.csv", runs), ("sweep-stats.csv", Self.stats),
    ]
    for (name, contents) in files {
      try Data(contents.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
    }
    return path
  }

  @Test func metricsAgainstANumericParameterWithBands() throws {
    let path = try sweepFolder()
    let html = try ReportPage.render(folder: path)
    // total_time_ns is drawn, gas (0 everywhere) is named in a note, and the ratio row gets the
    // overhead figure: two charts.
    #expect(html.contains("<figure id=\"fig-total_time_ns\">"))
    #expect(!html.contains("<figure id=\"fig-gas\">"))
    #expect(html.contains("0 at every point for every scheme, not drawn: gas."))
    #expect(html.contains("<figure id=\"fig-overhead\">"))
    #expect(html.ranges(of: "<svg").count == 2)
    // Durations become a numeric axis in seconds. fedavg's interval (of width 0) is a band over
    // the three points; bcfl's and the ratio's have none at 1s (one run), so each of their
    // intervals at 500ms and 2s stands alone, as a bar.
    #expect(html.contains(">workload.chain.blockPeriod (s)</text>"))
    #expect(html.ranges(of: "<polygon").count == 1)
    #expect(html.ranges(of: "stroke-width=\"6\"").count == 4)
    // 6 runs: 3 points × 2 seeds, each with three rows in sweep.csv.
    #expect(html.contains("3 point(s), 6 run(s) in sweep.csv"))
    // Means in the table, seconds for *_ns, the exact statistics in the tooltip.
    #expect(
      html.contains(
        "title=\"mean 10000000000.0, sd 1000000000.0, 95% CI [1000000000.0, 19000000000.0], "
          + "2 run(s)\">10.000 s</td>"))
    #expect(html.contains(">2.5000 ×</td>"))
    #expect(try ReportPage.render(folder: path) == html)
  }

  @Test func sweptValuesReadAsOneKindOfNumber() {
    #expect(SweepReport.numeric(["500ms", "1s", "2s"])! == ([0.5, 1, 2], "s"))
    #expect(SweepReport.numeric(["0.1", "1", "10"])! == ([0.1, 1, 10], ""))
    #expect(SweepReport.numeric(["5Mbps", "20Mbps"])! == ([5, 20], "Mbit/s"))
    #expect(SweepReport.numeric(["64KiB", "1MB"])! == ([0.065536, 1], "MB"))
    // A mixture, or words, is categories.
    #expect(SweepReport.numeric(["1s", "5Mbps"]) == nil)
    #expect(SweepReport.numeric(["poa", "bft"]) == nil)
  }

  @Test func figureIDsAreValidForAnyMetricName() {
    #expect(SweepReport.figureID("total_time_ns") == "fig-total_time_ns")
    #expect(SweepReport.figureID("a b\"<c>é") == "fig-a-b--c--")
  }
}
