import Learning
import Schemes
import SimCore

/// The stages' own costs: a validator judging one update by its accuracy (LL-BCFL algorithm 2),
/// on the model and data of the default scenario.
func stageBenchmarkCases() -> [BenchmarkCase] {
  [
    BenchmarkCase(
      name: "validation.accuracy.cnn-digits.per-update",
      summary:
        "one validator's accuracy verdict on one cnn:digits update over 180 held-out digits (inference only)",
      repetitions: 5, workPerRun: 20, unit: "updates",
      prepare: {
        let digits: Dataset
        let spec: ModelSpec
        do {
          digits = try Digits.load()
          spec = try ModelSpec(parsing: "cnn:digits")
        } catch {
          preconditionFailure("validation bench: \(error)")
        }
        let held = digits.subset(Array(0..<180), name: "validation")
        let validation = AccuracyValidation(
          architecture: spec, validationSets: [held], threshold: .absolute(0.5))
        var generator = RandomStreams(seed: 2024).make(.modelInitialisation)
        let global = Model(spec: spec, using: &generator).parameters
        let updates = (0..<20).map { index in
          var noise = RandomStreams(seed: 2024).make(StreamPurpose("benchmarkInputs"), index: index)
          return global.map { $0 + Float(noise.nextUnitDouble() - 0.5) * 0.01 }
        }
        return {
          var checksum: UInt64 = 0
          for update in updates {
            let (verdict, work) = validation.judge(update: update, global: global, by: 0)
            checksum = checksumMix(checksum, verdict.score.bitPattern)
            checksum = checksumMix(checksum, UInt64(work.floatingPointOperations))
          }
          return checksum
        }
      })
  ]
}
