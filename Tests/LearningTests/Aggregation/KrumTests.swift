import SimCore
import Testing

@testable import Learning

private func updates(_ rows: [[Float]]) -> [ClientUpdate] {
  rows.map { ClientUpdate(parameters: $0, sampleCount: 1) }
}

struct KrumTests {
  // Five 1-D updates {0, 1, 2, 3, 100}, f = 1, so each score sums the n − f − 2 = 2 smallest
  // squared distances. By hand: 0 → 1 + 4 = 5; 1 → 1 + 1 = 2; 2 → 1 + 1 = 2; 3 → 1 + 4 = 5;
  // 100 → 97² + 98² = 9409 + 9604 = 19013.
  private let line: [[Float]] = [[0], [1], [2], [3], [100]]

  @Test func scoresMatchTheHandComputation() {
    let scores = Krum.scores(updates(line), dimension: 1, neighbourCount: 2)
    #expect(scores == [5, 2, 2, 5, 19013])
  }

  @Test func krumPicksTheLowestScoreAndTheLowerPositionOnATie() throws {
    let result = try Krum(byzantineCount: 1).aggregate(updates(line))
    #expect(result.parameters == [1])
    #expect(result.contributors == [1])
    // Pairs: 10 × 3 flops × 1 coordinate = 30; per update 4·⌈log₂4⌉ = 8 comparisons + 2 additions
    // = 10, × 5 = 50; the minimum: 4 comparisons. Total 84.
    #expect(result.work == .flops(84))
  }

  @Test func multiKrumAveragesTheBestScores() throws {
    // Ranked scores: 2 (#1), 2 (#2), 5 (#0), 5 (#3), 19013 (#4); m = 3 keeps #0, #1, #2 → mean 1.
    let result = try Krum(byzantineCount: 1, selectionCount: 3).aggregate(updates(line))
    #expect(result.parameters == [1])
    #expect(result.contributors == [0, 1, 2])
    // 30 + 50 as for Krum, ranking 5 scores 5·⌈log₂5⌉ = 15, the mean (m + 1)·d = 4. Total 99.
    #expect(result.work == .flops(99))
  }

  @Test func krumRejectsAnObviousOutlier() throws {
    // Seven honest updates near (1, 1, 1, 1) and two attackers far away; f = 2 needs n > 6.
    var generator = RandomStreams(seed: 3).make(StreamPurpose("krumTest"))
    var rows = (0..<7).map { _ in (0..<4).map { _ in Float(1 + 0.01 * generator.nextNormal()) } }
    rows.insert([50, -50, 50, -50], at: 2)
    rows.append([-40, 40, .nan, 0])
    let result = try Krum(byzantineCount: 2).aggregate(updates(rows))
    #expect(!result.contributors.contains(2) && !result.contributors.contains(8))
    #expect(result.parameters.allSatisfy { abs($0 - 1) < 0.1 })
    let multi = try Krum(byzantineCount: 2, selectionCount: 7).aggregate(updates(rows))
    #expect(multi.contributors == [0, 1, 3, 4, 5, 6, 7])
  }

  @Test func aNonFiniteUpdateIsInfinitelyFar() {
    let scores = Krum.scores(
      updates([[0], [1], [2], [3], [.nan]]), dimension: 1, neighbourCount: 2)
    #expect(scores == [5, 2, 2, 5, .infinity])
  }

  @Test func choiceIsTheSameForAnyOrderOfUpdates() throws {
    var generator = RandomStreams(seed: 5).make(StreamPurpose("krumTest"))
    let rows = (0..<8).map { _ in (0..<16).map { _ in Float(generator.nextNormal()) } }
    let reference = try Krum(byzantineCount: 2).aggregate(updates(rows))
    var permuted = rows
    for round in 0..<4 {
      generator.shuffle(&permuted)
      let result = try Krum(byzantineCount: 2).aggregate(updates(permuted))
      #expect(result.parameters == reference.parameters, "shuffle \(round)")
    }
  }

  @Test func impossibleParametersAreTypedErrors() {
    #expect(throws: AggregationError.tooFewUpdatesForKrum(updateCount: 4, byzantineCount: 1)) {
      try Krum(byzantineCount: 1).aggregate(updates([[0], [1], [2], [3]]))
    }
    #expect(
      throws: AggregationError.selectionCountExceedsUpdates(selectionCount: 6, updateCount: 5)
    ) {
      try Krum(byzantineCount: 1, selectionCount: 6).aggregate(updates(line))
    }
    // An absurd f from a scenario file is an error, not an overflow trap.
    #expect(
      throws: AggregationError.tooFewUpdatesForKrum(updateCount: 5, byzantineCount: Int.max)
    ) {
      try AggregationSpec(parsing: "krum:\(Int.max)").makeRule().aggregate(updates(line))
    }
    #expect(throws: AggregationError.negativeByzantineCount(-1)) { try Krum(byzantineCount: -1) }
    #expect(throws: AggregationError.nonPositiveSelectionCount(0)) {
      try Krum(byzantineCount: 0, selectionCount: 0)
    }
    #expect(
      AggregationError.tooFewUpdatesForKrum(updateCount: 4, byzantineCount: 1).description
        == "Krum: 4 updates for f = 1 Byzantine clients; Krum needs n > 2f + 2 = 4")
  }
}
