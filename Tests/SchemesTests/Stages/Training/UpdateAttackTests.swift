import Learning
import SimCore
import Testing

@testable import Schemes

struct UpdateAttackTests {
  @Test func signFlipNegatesEveryCoordinate() {
    var delta: [Float] = [1, -2.5, 0.25, 3]
    var generator = Xoshiro256StarStar(seed: 1)
    let work = UpdateAttack.signFlip.apply(to: &delta, using: &generator)
    // By hand: −[1, −2.5, 0.25, 3]; one flop per coordinate.
    #expect(delta == [-1, 2.5, -0.25, -3])
    #expect(work == .flops(4))
  }

  @Test func scaleMultipliesEveryCoordinate() {
    var delta: [Float] = [1, -2.5, 0.25]
    var generator = Xoshiro256StarStar(seed: 1)
    let work = UpdateAttack.scale(factor: 4).apply(to: &delta, using: &generator)
    // By hand: 4·[1, −2.5, 0.25], exact in binary.
    #expect(delta == [4, -10, 1])
    #expect(work == .flops(3))
    var shrunk: [Float] = [1, -2.5, 0.25]
    _ = UpdateAttack.scale(factor: -0.5).apply(to: &shrunk, using: &generator)
    #expect(shrunk == [-0.5, 1.25, -0.125])
  }

  @Test func gaussianNoiseHasTheStatedDeviation() throws {
    let n = 100_000
    let sigma = 0.5
    var delta = [Float](repeating: 2, count: n)
    var generator = Xoshiro256StarStar(seed: 20_240_601)
    let work = UpdateAttack.gaussianNoise(standardDeviation: sigma).apply(
      to: &delta, using: &generator)
    let noise = delta.map { Double($0) - 2 }
    let mean = noise.reduce(0, +) / Double(n)
    let deviation = (noise.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1))
      .squareRoot()
    // The sample standard deviation of n normal draws has relative standard error ≈ 1/√(2n)
    // = 0.00224 at n = 10⁵; five standard errors (1.1 %) is a false alarm once in ~2 million
    // seeds, while σ off by 2 % or more is caught. The mean's standard error is σ/√n.
    let standardErrors = 5.0
    #expect(abs(deviation / sigma - 1) <= standardErrors / (2 * Double(n)).squareRoot())
    #expect(abs(mean) <= standardErrors * sigma / Double(n).squareRoot())

    // It is Learning's Gaussian mechanism: same draws from the same seed, same reported work.
    var reference = [Float](repeating: 2, count: n)
    var referenceGenerator = Xoshiro256StarStar(seed: 20_240_601)
    let referenceWork = try GaussianMechanism(standardDeviation: sigma).addNoise(
      to: &reference, using: &referenceGenerator)
    #expect(delta == reference)
    #expect(work == referenceWork && !work.isZero)
  }

  @Test func freeRiderSendsZerosAndSkipsTraining() {
    var delta: [Float] = [1, -2.5, 0.25]
    var generator = Xoshiro256StarStar(seed: 1)
    let work = UpdateAttack.freeRider.apply(to: &delta, using: &generator)
    #expect(delta == [0, 0, 0])
    #expect(work == .zero)
    #expect(UpdateAttack.freeRider.skipsTraining)
    #expect(!UpdateAttack.signFlip.skipsTraining && !UpdateAttack.labelFlip.skipsTraining)
  }

  @Test func labelFlipLeavesTheDeltaToTheBackend() {
    var delta: [Float] = [1, -2.5, 0.25]
    var generator = Xoshiro256StarStar(seed: 7)
    var untouched = Xoshiro256StarStar(seed: 7)
    let work = UpdateAttack.labelFlip.apply(to: &delta, using: &generator)
    #expect(delta == [1, -2.5, 0.25])
    #expect(work == .zero)
    #expect(generator.next() == untouched.next())  // nothing drawn
    #expect(UpdateAttack.labelFlip.trainsOnFlippedLabels)
    #expect(!UpdateAttack.scale(factor: 2).trainsOnFlippedLabels)
  }

  @Test(arguments: [
    ("label-flip", UpdateAttack.labelFlip, "label-flip"),
    ("sign-flip", .signFlip, "sign-flip"),
    ("scale:10", .scale(factor: 10), "scale:10.0"),
    ("scale:-0.5", .scale(factor: -0.5), "scale:-0.5"),
    ("scale:0", .scale(factor: 0), "scale:0.0"),
    ("noise:0.25", .gaussianNoise(standardDeviation: 0.25), "noise:0.25"),
    ("noise:1e-3", .gaussianNoise(standardDeviation: 0.001), "noise:0.001"),
    ("free-rider", .freeRider, "free-rider"),
  ])
  func parsesEachSpellingAndPrintsItBack(text: String, attack: UpdateAttack, canonical: String)
    throws
  {
    let parsed = try UpdateAttack(parsing: text)
    #expect(parsed == attack)
    #expect(parsed.description == canonical)
    #expect(try UpdateAttack(parsing: canonical) == attack)
  }

  @Test(arguments: [
    "", "Sign-flip", "sign flip", "label-flip:1", "scale", "scale:", "scale:x", "scale:inf",
    "scale:nan", "noise:", "noise:0", "noise:-1", "noise:inf", "noise:abc", "free-rider ",
  ])
  func rejectsOtherSpellings(text: String) {
    let error = #expect(throws: StageSpecError.self) { try UpdateAttack(parsing: text) }
    #expect(error?.text.contains("`\(text)`") == true, "\(String(describing: error))")
    #expect(error?.accepted == UpdateAttack.accepted)
  }
}
