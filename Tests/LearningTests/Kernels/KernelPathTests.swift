import SimCore
import Testing

@testable import Learning

struct KernelPathTests {
  @Test func namesRoundTripAndThePortablePathIsAlwaysAvailable() {
    for path in KernelPath.allCases { #expect(KernelPath(name: path.description) == path) }
    #expect(KernelPath(name: "sse4") == nil)
    #expect(KernelPath.available.first == .portable)
    #expect(KernelPath.available.last == KernelPath.best)
  }

  @Test func aForcedPathIsCheckedAgainstTheMachine() throws {
    #expect(KernelPath.requested(nil) == nil)
    #expect(try KernelPath.requested("portable")?.get() == .portable)
    if case .failure(let error)? = KernelPath.requested("avx3") {
      #expect(error.description.hasPrefix("FEDCHAIN_KERNELS=avx3 names no kernel path; accepted:"))
    } else {
      Issue.record("avx3 was accepted")
    }
    // A path wider than the machine's best is refused (nothing to check on an AVX-512 machine).
    for path in KernelPath.allCases where path.rawValue > KernelPath.best.rawValue {
      if case .success? = KernelPath.requested(path.description) {
        Issue.record("\(path) accepted on a machine whose best path is \(KernelPath.best)")
      }
    }
  }

  /// Training is the kernels' real client: a few steps of a CNN (convolutions: im2col + GEMM with
  /// transposed operands, ragged 8-row tiles) and of an MLP (batch 10: 10-row tiles) on every
  /// path this machine has end with the same parameter bits. The test can fail: a path that fused
  /// a multiply and add, or summed in another order, changes the last bits within a step.
  @Test(arguments: ["cnn:digits", "mlp:64-32-10"])
  func trainingGivesTheSameBitsOnEveryPath(model name: String) throws {
    var generator = RandomStreams(seed: 11).make(.syntheticData)
    let count = 40
    let features = (0..<(count * 64)).map { _ in Float(generator.nextUnitDouble()) }
    let labels = (0..<count).map { Int32($0 % 10) }
    let shape = name.hasPrefix("cnn") ? [1, 8, 8] : [64]
    let data = Dataset(
      name: "noise", featureShape: shape, features: features, labels: labels, classCount: 10)
    let spec = name == "cnn:digits" ? ModelSpec.cnnDigits : try ModelSpec(parsing: name)
    var results: [(KernelPath, [UInt32])] = []
    for path in KernelPath.available {
      var initialisation = RandomStreams(seed: 12).make(.modelInitialisation)
      let model = Model(spec: spec, using: &initialisation)
      var shuffling = RandomStreams(seed: 12).make(.dataShuffling)
      let trainer = try LocalTrainer(epochs: 1, batchSize: 10, learningRate: 0.05)
      let outcome = try KernelPath.$override.withValue(path) {
        try trainer.train(model, on: data, using: &shuffling)
      }
      results.append((path, outcome.parameters.map(\.bitPattern)))
    }
    let (_, portable) = results[0]
    for (path, bits) in results.dropFirst() {
      #expect(bits == portable, "\(name): \(path) differs from the portable path")
    }
  }
}
