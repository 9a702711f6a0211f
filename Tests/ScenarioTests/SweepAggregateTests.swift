import Foundation
import Testing
import Traces

@testable import Scenario

/// `sweep.csv` and `sweep-stats.csv` from runs' summaries, checked against numbers worked by hand.
@Suite struct SweepAggregateTests {
  /// A sweep of two points over `workload.rounds` (1 and 2), seeds 1 and 2, two runs each.
  static func sweep() throws -> SweepSpec {
    let text = #"""
      {"scenario": \#(SweepDecodingTests.base), "grid": {"workload.rounds": [1, 2]},
       "seeds": [1, 2], "runs": 2}
      """#
    return try SweepDecoder.decode(try JSONParser.parse(text), file: "s.json", directory: ".")
  }

  /// A summary.csv text: a header with `scheme` and two metrics, and one row per scheme.
  static func summary(_ run: SweepRun, rows: [(String, String, String)]) -> String {
    var text = "time_ns,run,seed,scenario,scheme,total_time_ns,final_accuracy\n"
    for (scheme, time, accuracy) in rows {
      text += "9,\(run.run),\(run.seed),\"a, b\",\(scheme),\(time),\(accuracy)\n"
    }
    return text
  }

  @Test func sweepCSVHasOneRowPerRunAndSchemeWithTheSweptValuesFirst() throws {
    let sweep = try Self.sweep()
    let summaries = sweep.allRuns.map { run in
      (run, Self.summary(run, rows: [("fedavg", "\(run.point)", "0.5"), ("bcfl", "7", "")]))
    }
    let tables = try SweepAggregate.render(sweep, summaries: summaries)
    let lines = tables.sweep.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(
      lines[0]
        == "point,workload.rounds,time_ns,run,seed,scenario,scheme,total_time_ns,final_accuracy")
    // 8 runs × 2 schemes, in run order; a field with a comma stays quoted.
    #expect(lines.count == 1 + 16 + 1)
    #expect(lines[1] == #"0,1,9,0,1,"a, b",fedavg,0,0.5"#)
    #expect(lines[2] == #"0,1,9,0,1,"a, b",bcfl,7,"#)
    #expect(lines[3] == #"0,1,9,1,1,"a, b",fedavg,0,0.5"#)
    #expect(lines[16] == #"1,2,9,1,2,"a, b",bcfl,7,"#)
  }

  @Test func statisticsAreTheMeanSampleDeviationAndStudentTInterval() throws {
    let sweep = try Self.sweep()
    // Point 0's fedavg total times over its 4 runs: 2, 4, 4, 6. By hand: mean 4; squared
    // deviations 4 + 0 + 0 + 4 = 8, sample variance 8/3, sd √(8/3) = 1.632993161855452;
    // half width t(0.975, 3) · sd/√4 = 3.182446305284263 × 0.816496580927726 = 2.598469….
    let times = [2, 4, 4, 6]
    var index = 0
    let summaries = sweep.allRuns.map { run -> (SweepRun, String) in
      defer { index += 1 }
      let time = run.point == 0 ? String(times[index]) : "10"
      // final_accuracy: present in one run only, so its count is 1 and sd and interval empty.
      let accuracy = run.point == 0 && index == 0 ? "0.25" : ""
      return (run, Self.summary(run, rows: [("fedavg", time, accuracy)]))
    }
    let tables = try SweepAggregate.render(sweep, summaries: summaries)
    let rows = try CSVReader.rows(tables.statistics)
    #expect(
      rows[0] == [
        "point", "workload.rounds", "scheme", "metric", "count", "mean", "sd", "ci95_low",
        "ci95_high",
      ])
    // 2 points × 1 scheme × 2 metrics (the columns after `scheme`).
    #expect(rows.count == 1 + 4)
    let time = rows[1]
    #expect(Array(time[0...4]) == ["0", "1", "fedavg", "total_time_ns", "4"])
    #expect(Double(time[5]) == 4)
    #expect(abs(Double(time[6])! - 1.632993161855452) < 1e-12)
    let halfWidth = 3.182446305284263 * 1.632993161855452 / 2
    #expect(abs(Double(time[7])! - (4 - halfWidth)) < 1e-9)
    #expect(abs(Double(time[8])! - (4 + halfWidth)) < 1e-9)
    #expect(rows[2] == ["0", "1", "fedavg", "final_accuracy", "1", "0.25", "", "", ""])
    // Point 1: four equal values, sd 0 and a zero-width interval.
    #expect(rows[3] == ["1", "2", "fedavg", "total_time_ns", "4", "10.0", "0.0", "10.0", "10.0"])
    #expect(rows[4] == ["1", "2", "fedavg", "final_accuracy", "0", "", "", "", ""])
  }

  @Test func aSummaryWithOtherColumnsIsRefusedNamingItsRun() throws {
    let sweep = try Self.sweep()
    var summaries = sweep.allRuns.map { run in
      (run, Self.summary(run, rows: [("fedavg", "1", "0.5")]))
    }
    summaries[3].1 = "time_ns,run,seed,scenario,scheme,total_time_ns\n9,1,2,x,fedavg,1\n"
    let error = try #require(throws: SweepAggregateError.self) {
      try SweepAggregate.render(sweep, summaries: summaries)
    }
    #expect(error.run == sweep.allRuns[3])
    #expect(error.message.contains("columns differ"))
  }
}
