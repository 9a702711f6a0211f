import Testing

@testable import Learning

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the real MNIST files are, if anywhere: `$FEDCHAIN_MNIST_DIR`, `data/mnist` in the
/// repository, or the shared data folder of the development machines.
private let mnistDirectory: String? = {
  var candidates: [String] = []
  if let variable = getenv("FEDCHAIN_MNIST_DIR") { candidates.append(String(cString: variable)) }
  let repository = String(
    #filePath.split(separator: "/Tests/").dropLast().joined(separator: "/Tests/"))
  candidates += [repository + "/data/mnist", "/work/shared/data/mnist"]
  return candidates.first { (try? MNIST.labelsPath(in: $0, part: .test)) != nil }
}()

/// Loading the 47 MB training images takes seconds in a debug build, so it runs only on request.
private let fullMNISTRequested = getenv("FEDCHAIN_FULL_MNIST").map { String(cString: $0) } == "1"

/// IDX parsing on hand-made files, and the real MNIST files when present.
struct MNISTTests {
  /// An IDX file: magic 00 00 08 <rank>, big-endian sizes, then `values`.
  private func idx(_ dimensions: [Int], _ values: [UInt8]) -> [UInt8] {
    var bytes: [UInt8] = [0, 0, 8, UInt8(dimensions.count)]
    for size in dimensions {
      bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: size >> $0) }
    }
    return bytes + values
  }

  private func parse(_ bytes: [UInt8], rank: Int, path: String = "f") throws(DatasetError)
    -> IDXFile
  {
    try IDXFile(parsing: bytes, expectedMagic: IDXFile.magic(rank: rank), path: path)
  }

  @Test func magicNumbersAreTheOnesMNISTUses() {
    // The MNIST page: 2051 (0x00000803) for images, 2049 (0x00000801) for labels.
    #expect(IDXFile.magic(rank: 3) == 2051)
    #expect(IDXFile.magic(rank: 1) == 2049)
  }

  @Test func handMadeFilesBecomeADataSetScaledToTheUnitInterval() throws {
    var pixels = [UInt8](repeating: 0, count: 2 * 784)
    pixels[0] = 255
    pixels[784 + 1] = 51  // 51 / 255 = 0.2
    let images = try parse(idx([2, 28, 28], pixels), rank: 3)
    #expect(images.dimensions == [2, 28, 28])
    let labels = try parse(idx([2], [3, 7]), rank: 1)
    let data = try MNIST.makeDataset(
      images: images, imagesPath: "i", labels: labels, labelsPath: "l", name: "tiny")
    #expect(data.count == 2)
    #expect(data.featureShape == [1, 28, 28])
    #expect(data.labels == [3, 7])
    #expect(data.features[0] == 1)
    #expect(data.features[784 + 1] == Float(51) / 255)
  }

  @Test func wrongMagicNamesTheFileAndBothNumbers() {
    #expect(throws: DatasetError.wrongMagic(path: "labels.idx", expected: 2051, found: 2049)) {
      try parse(idx([2], [3, 7]), rank: 3, path: "labels.idx")
    }
  }

  @Test func truncatedOrOverlongFilesAreSizeMismatches() {
    // 16 header bytes + 2 × 784 pixels = 1584 bytes expected.
    let whole = idx([2, 28, 28], [UInt8](repeating: 0, count: 2 * 784))
    #expect(throws: DatasetError.sizeMismatch(path: "f", expectedBytes: 1584, foundBytes: 1000)) {
      try parse(Array(whole.prefix(1000)), rank: 3)
    }
    #expect(throws: DatasetError.sizeMismatch(path: "f", expectedBytes: 1584, foundBytes: 1585)) {
      try parse(whole + [0], rank: 3)
    }
    #expect(throws: DatasetError.sizeMismatch(path: "f", expectedBytes: 16, foundBytes: 10)) {
      try parse(Array(whole.prefix(10)), rank: 3)
    }
    #expect(throws: DatasetError.sizeMismatch(path: "f", expectedBytes: 4, foundBytes: 2)) {
      try parse([0, 0], rank: 3)
    }
  }

  @Test func hugeDimensionsDoNotOverflow() {
    // 0xFFFFFFFF³ overflows Int; the parser reports the size as Int.max instead of trapping.
    let bytes = idx([0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF], [])
    #expect(throws: DatasetError.sizeMismatch(path: "f", expectedBytes: Int.max, foundBytes: 16)) {
      try parse(bytes, rank: 3)
    }
  }

  @Test func imagesAndLabelsMustAgree() throws {
    let images = try parse(idx([2, 28, 28], [UInt8](repeating: 0, count: 2 * 784)), rank: 3)
    let threeLabels = try parse(idx([3], [1, 2, 3]), rank: 1)
    #expect(
      throws: DatasetError.countMismatch(
        imagesPath: "i", imageCount: 2, labelsPath: "l", labelCount: 3)
    ) {
      try MNIST.makeDataset(
        images: images, imagesPath: "i", labels: threeLabels, labelsPath: "l", name: "x")
    }
    let badLabel = try parse(idx([2], [1, 10]), rank: 1)
    #expect(throws: DatasetError.labelOutOfRange(source: "l", index: 1, label: 10, classCount: 10))
    {
      try MNIST.makeDataset(
        images: images, imagesPath: "i", labels: badLabel, labelsPath: "l", name: "x")
    }
    let narrow = try parse(idx([1, 28, 27], [UInt8](repeating: 0, count: 756)), rank: 3)
    #expect(
      throws: DatasetError.unexpectedDimensions(
        path: "i", expected: "[count, 28, 28]", found: [1, 28, 27])
    ) {
      try MNIST.makeDataset(
        images: narrow, imagesPath: "i", labels: threeLabels, labelsPath: "l", name: "x")
    }
  }

  @Test func missingDirectoryListsTheNamesTried() {
    #expect(
      throws: DatasetError.fileNotFound(candidates: [
        "/nonexistent/t10k-labels-idx1-ubyte", "/nonexistent/t10k-labels-idx1-ubyte.gz",
        "/nonexistent/t10k-labels.idx1-ubyte", "/nonexistent/t10k-labels.idx1-ubyte.gz",
      ])
    ) { try MNIST.loadLabels(directory: "/nonexistent", part: .test) }
  }

  // MARK: - Real MNIST files

  @Test(.enabled(if: mnistDirectory != nil, "MNIST files not found; set FEDCHAIN_MNIST_DIR"))
  func realLabelFilesHaveThePublishedClassCounts() throws {
    let directory = try #require(mnistDirectory)
    // Per-digit counts as commonly published for MNIST, recounted from these files with Python.
    let expected: [MNIST.Part: [Int]] = [
      .train: [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949],
      .test: [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009],
    ]
    for part in MNIST.Part.allCases {
      let labels = try MNIST.loadLabels(directory: directory, part: part)
      let counts = PartitionStatistics.labelCounts(
        of: Array(labels.indices), labels: labels, classCount: 10)
      #expect(counts == expected[part], "\(part)")
    }
  }

  @Test(.enabled(if: mnistDirectory != nil, "MNIST files not found; set FEDCHAIN_MNIST_DIR"))
  func realTestSetLoads() throws {
    let test = try MNIST.load(directory: try #require(mnistDirectory), part: .test)
    #expect(test.name == "mnist-test")
    #expect(test.count == 10_000)
    #expect(test.featureShape == [1, 28, 28])
    // The first test image is the well-known "7"; its 784 pixels sum to 18,454 of 255 each
    // (counted with Python from the same file), and exactly one of them is 255.
    #expect(test.labels[0] == 7)
    var sum: Float = 0
    for pixel in test.features[0..<784] { sum += pixel * 255 }
    #expect(abs(sum - 18_454) < 0.5)
    #expect(test.features[0..<784].filter { $0 == 1 }.count == 1)
  }

  @Test(
    .enabled(if: mnistDirectory != nil, "MNIST files not found; set FEDCHAIN_MNIST_DIR"),
    .enabled(if: fullMNISTRequested, "loads 47 MB; set FEDCHAIN_FULL_MNIST=1 to run"))
  func realTrainingSetLoads() throws {
    let train = try MNIST.load(directory: try #require(mnistDirectory), part: .train)
    #expect(train.count == 60_000)
    #expect(train.labels[0] == 5)  // the first training image is a 5
  }
}
