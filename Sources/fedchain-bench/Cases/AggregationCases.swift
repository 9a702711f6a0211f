import Learning
import SimCore

/// Benchmark cases for aggregation rules, selective upload and differential privacy: one round's
/// server-side work for 10 clients of a 100 000-parameter model (about the MNIST CNN's size), and
/// the client-side transforms on a 1 000 000-parameter update.
func aggregationBenchmarkCases() -> [BenchmarkCase] {
  let clientCount = 10
  let dimension = 100_000
  let rules: [(name: String, spec: String)] = [
    ("fedavg", "fedavg"), ("median", "median"), ("trimmed-mean", "trimmed-mean:0.1"),
    ("krum", "krum:2"), ("multi-krum", "multi-krum:2:6"),
  ]
  var cases = rules.map { rule in
    makeAggregationCase(
      name: "aggregation.\(rule.name).n\(clientCount).d100k", spec: rule.spec,
      clientCount: clientCount, dimension: dimension)
  }
  cases.append(
    BenchmarkCase(
      name: "aggregation.sparsify.d1M.theta0.1",
      summary: "DSSGD top-10% selection and encoding of a 1M-entry update", repetitions: 10,
      workPerRun: 1_000_000, unit: "entries",
      prepare: {
        let dense = makeBenchmarkVector(count: 1_000_000, index: 100)
        guard let sparsifier = try? TopMagnitudeSparsifier(uploadFraction: 0.1) else {
          preconditionFailure("θu = 0.1 is a valid fraction")
        }
        return {
          guard let (update, _) = try? sparsifier.sparsify(dense) else {
            preconditionFailure("a 1M-entry update fits the 32-bit index")
          }
          return checksumMix(
            UInt64(update.encode().count), UInt64(update.indices[update.count / 2]))
        }
      }))
  cases.append(
    BenchmarkCase(
      name: "aggregation.gaussian-noise.d1M",
      summary: "L2 clipping and Gaussian noise on a 1M-entry update", repetitions: 10,
      workPerRun: 1_000_000, unit: "entries",
      prepare: {
        let dense = makeBenchmarkVector(count: 1_000_000, index: 101)
        guard let clipping = try? NormClipping(bound: 1),
          let mechanism = try? GaussianMechanism(standardDeviation: 0.5)
        else { preconditionFailure("valid clipping bound and noise scale") }
        return {
          var parameters = dense
          var generator = RandomStreams(seed: 1).make(.privacyNoise)
          guard (try? clipping.clip(&parameters)) != nil else {
            preconditionFailure("benchmark vectors are finite")
          }
          _ = mechanism.addNoise(to: &parameters, using: &generator)
          return UInt64(parameters[parameters.count / 2].bitPattern)
        }
      }))
  cases.append(
    BenchmarkCase(
      name: "aggregation.rdp-accountant.orders2-256",
      summary: "RDP of the sampled Gaussian at orders 2…256 and conversion to (ε, δ)",
      repetitions: 20, workPerRun: 255, unit: "orders",
      prepare: {
        return {
          guard var accountant = try? RDPAccountant() else {
            preconditionFailure("default orders are valid")
          }
          guard
            (try? accountant.composeSampledGaussian(
              samplingRate: 0.01, noiseMultiplier: 4, steps: 10_000)) != nil,
            let guarantee = try? accountant.epsilon(delta: 1e-5)
          else { preconditionFailure("valid accountant parameters") }
          return guarantee.epsilon.bitPattern
        }
      }))
  return cases
}

/// A timed aggregation of `clientCount` random updates by the rule `spec`; the work unit is the
/// rule's own flop count.
private func makeAggregationCase(
  name: String, spec: String, clientCount: Int, dimension: Int
) -> BenchmarkCase {
  let updates = (0..<clientCount).map { client in
    ClientUpdate(
      parameters: makeBenchmarkVector(count: dimension, index: client),
      sampleCount: 100 + 10 * client)
  }
  guard let rule = try? AggregationSpec(parsing: spec).makeRule(),
    let probe = try? rule.aggregate(updates)
  else { preconditionFailure("benchmark rule `\(spec)` must aggregate its inputs") }
  return BenchmarkCase(
    name: name, summary: "\(spec) over \(clientCount) updates of \(dimension) parameters",
    repetitions: 10, workPerRun: Double(probe.work.floatingPointOperations), unit: "flop",
    prepare: {
      return {
        guard let result = try? rule.aggregate(updates) else {
          preconditionFailure("benchmark rule `\(spec)` failed")
        }
        var checksum: UInt64 = 0
        for j in stride(from: 0, to: result.parameters.count, by: 997) {
          checksum = checksumMix(checksum, UInt64(result.parameters[j].bitPattern))
        }
        return checksum
      }
    })
}

/// `count` standard-normal floats from a fixed benchmark stream.
private func makeBenchmarkVector(count: Int, index: Int) -> [Float] {
  var generator = RandomStreams(seed: 2024).make(StreamPurpose("benchmarkInputs"), index: index)
  return (0..<count).map { _ in Float(generator.nextNormal()) }
}
