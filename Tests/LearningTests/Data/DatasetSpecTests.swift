import SimCore
import Testing

@testable import Learning

struct DatasetSpecTests {
  @Test func parsesEachKind() throws {
    #expect(try DatasetSpec(parsing: "digits") == .digits)
    #expect(try DatasetSpec(parsing: "mnist:/data/mnist") == .mnist(directory: "/data/mnist"))
    #expect(try DatasetSpec(parsing: "mnist:C:/odd:path") == .mnist(directory: "C:/odd:path"))
    #expect(try DatasetSpec(parsing: "synthetic") == .synthetic(SyntheticDataset()))
    #expect(
      try DatasetSpec(parsing: "synthetic:kind=teacher,samples=500,noise=0.5")
        == .synthetic(SyntheticDataset(kind: .teacher, sampleCount: 500, noise: 0.5)))
  }

  @Test func descriptionReadsBack() throws {
    for spec in [
      DatasetSpec.digits, .mnist(directory: "/x"),
      .synthetic(SyntheticDataset(kind: .teacher, sampleCount: 9, separation: 2.5)),
    ] {
      #expect(try DatasetSpec(parsing: spec.description) == spec)
    }
  }

  @Test func malformedSpecsSayWhatIsWrong() {
    let cases: [(String, DatasetError)] = [
      ("cifar10", .invalidSpec(spec: "cifar10", reason: "unknown data set `cifar10`")),
      (
        "mnist",
        .invalidSpec(spec: "mnist", reason: "MNIST needs its directory, as `mnist:<directory>`")
      ),
      (
        "mnist:",
        .invalidSpec(spec: "mnist:", reason: "MNIST needs its directory, as `mnist:<directory>`")
      ),
      ("digits:x", .invalidSpec(spec: "digits:x", reason: "`digits` takes no argument")),
      (
        "synthetic:samples=many",
        .invalidSpec(
          spec: "synthetic:samples=many", reason: "`samples` needs an integer, got `many`")
      ),
      (
        "synthetic:kind=spiral",
        .invalidSpec(
          spec: "synthetic:kind=spiral",
          reason: "kind `spiral` is unknown; use `blobs` or `teacher`")
      ),
      (
        "synthetic:samples=5,samples=6",
        .invalidSpec(
          spec: "synthetic:samples=5,samples=6", reason: "option `samples` is given twice")
      ),
      (
        "synthetic:size=5",
        .invalidSpec(
          spec: "synthetic:size=5",
          reason:
            "unknown option `size`; options are kind, samples, classes, features, separation, noise"
        )
      ),
      (
        "synthetic:classes=0",
        .invalidParameter(name: "classes", value: "0", accepted: "at least 1")
      ),
    ]
    for (text, expected) in cases {
      #expect(throws: expected) { try DatasetSpec(parsing: text) }
    }
  }

  @Test func digitsLoadAsAStratifiedSplit() throws {
    var generator = RandomStreams(seed: 11).make(.dataShuffling)
    let (train, test) = try DatasetSpec.digits.load(testFraction: 0.2, using: &generator)
    // Per class round(0.2 × n) for the README's counts 178,182,177,183,181,182,181,179,174,180:
    // 36+36+35+37+36+36+36+36+35+36 = 359 test samples, 1797 − 359 = 1438 training samples.
    #expect(test.count == 359)
    #expect(train.count == 1438)
    #expect(train.name == "digits-train" && test.name == "digits-test")
  }

  @Test func syntheticLoadGeneratesThenSplits() throws {
    var generator = RandomStreams(seed: 11).make(.syntheticData)
    let spec = try DatasetSpec(parsing: "synthetic:samples=100,classes=4,features=3")
    let (train, test) = try spec.load(testFraction: 0.1, using: &generator)
    // 25 per class (labels cycle), round(2.5) = 3 each: 12 test, 88 training.
    #expect(test.count == 12 && train.count == 88)
    #expect(train.featureShape == [3])
  }

  @Test func badTestFractionIsRejected() {
    var generator = RandomStreams(seed: 1).make(.dataShuffling)
    #expect(
      throws: DatasetError.invalidParameter(
        name: "test fraction", value: "1.0", accepted: "strictly between 0 and 1")
    ) { try DatasetSpec.digits.load(testFraction: 1, using: &generator) }
  }
}
