import Foundation
import Schemes
import Testing

@testable import Scenario

/// Reusing trainings (`TrainingMemo`) changes how long a run takes, never what it writes.
@Suite struct TrainingReuseTests {
  /// The default scenario cut to 3 rounds of a small MLP on the digits, with its chain: a pair
  /// whose twin and blockchain run train the same clients from the same models.
  static func pair() throws -> ScenarioSpec {
    try ExperimentTests.smallDefault(chain: true)
  }

  static func expectSameFiles(_ a: Experiment.Output, _ b: Experiment.Output) {
    #expect(a.files.map(\.name) == b.files.map(\.name))
    for (x, y) in zip(a.files, b.files) { #expect(x.contents == y.contents, "\(x.name) differs") }
  }

  @Test func aPairWithAMemoWritesTheSameBytesAndTrainsEachClientOnce() throws {
    let spec = try Self.pair()
    let plain = try Experiment.compare(spec)
    let memo = TrainingMemo(limitBytes: 1 << 30)
    let reused = try Experiment.compare(spec, options: Experiment.Options(trainingMemo: memo))
    Self.expectSameFiles(plain, reused)
    // The default scenario samples 6 of 12 clients a round (fraction 0.5): the twin trains
    // 3 × 6 = 18 times (misses), and the blockchain run, whose updates all arrive, takes the same
    // 18 from the memo; each of the 3 rounds' models is evaluated once per run.
    let counts = memo.counts
    #expect(counts.trainingMisses == 18)
    #expect(counts.trainingHits == 18)
    #expect(counts.evaluationMisses == 3 && counts.evaluationHits == 3)
  }

  @Test func aCacheFolderServesAnotherProcessAndADamagedEntryIsRecomputed() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("fedchain-training-cache-\(getpid())").path
    try? FileManager.default.removeItem(atPath: folder)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let spec = try ExperimentTests.smallDefault()
    let plain = try Experiment.run(spec)
    // A first memo fills the folder; a second one, as in another process, starts empty.
    let first = TrainingMemo(limitBytes: 1 << 30, store: try TrainingCacheFolder(path: folder))
    _ = try Experiment.run(spec, options: Experiment.Options(trainingMemo: first))
    #expect(first.counts.trainingMisses == 18)
    let second = TrainingMemo(limitBytes: 1 << 30, store: try TrainingCacheFolder(path: folder))
    Self.expectSameFiles(
      plain, try Experiment.run(spec, options: Experiment.Options(trainingMemo: second)))
    #expect(second.counts.trainingMisses == 0 && second.counts.trainingHits == 18)
    // The server's three aggregates too: the same rule over the same trainings.
    #expect(first.counts.aggregationMisses == 3)
    #expect(second.counts.aggregationMisses == 0 && second.counts.aggregationHits == 3)
    // One entry's last byte flipped: its checksum fails, it is trained again, same output.
    let entries = FileManager.default.enumerator(atPath: folder)!.compactMap { $0 as? String }
      .filter { $0.hasSuffix(".memo") }.sorted()
    #expect(entries.count == 18 + 3 + 3)
    var damaged = entries.first!
    for entry in entries {
      let size = try FileManager.default.attributesOfItem(atPath: folder + "/" + entry)[.size]
      if (size as? Int ?? 0) > 1000 { damaged = entry; break }  // a training, not an evaluation
    }
    var bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + damaged))
    bytes[bytes.count - 1] ^= 0xFF
    try bytes.write(to: URL(fileURLWithPath: folder + "/" + damaged))
    let third = TrainingMemo(limitBytes: 1 << 30, store: try TrainingCacheFolder(path: folder))
    Self.expectSameFiles(
      plain, try Experiment.run(spec, options: Experiment.Options(trainingMemo: third)))
    #expect(third.counts.trainingMisses == 1)
  }

  @Test func anotherSeedIsAnotherKey() throws {
    let memo = TrainingMemo(limitBytes: 1 << 30)
    _ = try Experiment.run(try ExperimentTests.smallDefault(), options: .init(trainingMemo: memo))
    // Seed 2 deals other data and initialises another model: nothing is reused.
    let other = try Experiment.run(
      try ExperimentTests.smallDefault(seed: 2), options: .init(trainingMemo: memo))
    #expect(memo.counts.trainingHits == 0)
    Self.expectSameFiles(other, try Experiment.run(try ExperimentTests.smallDefault(seed: 2)))
  }

  @Test func aFullMemoStopsAddingButStillServesWhatItHolds() throws {
    // 16 + 10 outputs: the MLP 64-16-10 has 64·16 + 16 + 16·10 + 10 = 1,210 parameters, 4,840
    // bytes an update; room for exactly 5 trainings.
    let memo = TrainingMemo(limitBytes: 5 * 4_840)
    let spec = try Self.pair()
    Self.expectSameFiles(
      try Experiment.compare(spec), try Experiment.compare(spec, options: .init(trainingMemo: memo))
    )
    #expect(memo.counts.trainingHits == 5)
    #expect(memo.counts.trainingMisses == 31)
  }
}
