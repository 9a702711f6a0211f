/// The MNIST handwritten digits (LeCun, Bottou, Bengio and Haffner, Proc. IEEE 1998): 60,000
/// training and 10,000 test images of 28×28 grey pixels, loaded from the original IDX files.
///
/// The data is not shipped with FedChainSim (CC BY-SA 3.0); point `load(directory:part:)` at a
/// folder holding the four distribution files, raw or gzip-compressed:
/// ```
/// let train = try MNIST.load(directory: "/data/mnist", part: .train)  // 60000 × [1, 28, 28]
/// ```
public enum MNIST {
  /// One of MNIST's two fixed sets.
  public enum Part: String, Sendable, CaseIterable {
    /// The 60,000 training images (`train-*` files).
    case train
    /// The 10,000 test images (`t10k-*` files).
    case test

    /// The file name stem, without `.gz`: `train` or `t10k`.
    var fileStem: String { self == .train ? "train" : "t10k" }
  }

  /// The image side in pixels.
  public static let side = 28
  /// The number of classes (digits 0–9).
  public static let classCount = 10

  /// The path of MNIST's images file for `part` in `directory`.
  /// - Throws: `fileNotFound` listing the names tried: the official name raw and `.gz`, and the
  ///   variant with a dot (`train-images.idx3-ubyte`) that some mirrors use.
  public static func imagesPath(in directory: String, part: Part) throws(DatasetError) -> String {
    try locate(stem: "\(part.fileStem)-images", kind: "idx3-ubyte", in: directory)
  }

  /// The path of MNIST's labels file for `part` in `directory`; see `imagesPath(in:part:)`.
  public static func labelsPath(in directory: String, part: Part) throws(DatasetError) -> String {
    try locate(stem: "\(part.fileStem)-labels", kind: "idx1-ubyte", in: directory)
  }

  /// The labels of `part` alone: cheap, for checks that need no pixels.
  /// - Throws: `DatasetError` naming the file when it is missing, damaged or not a labels file.
  /// - Complexity: O(sample count).
  public static func loadLabels(directory: String, part: Part) throws(DatasetError) -> [Int32] {
    let path = try labelsPath(in: directory, part: part)
    let file = try IDXFile(contentsOf: path, expectedMagic: IDXFile.magic(rank: 1))
    return try checkedLabels(file, path: path)
  }

  /// The `part` set from `directory`, named `mnist-train` or `mnist-test`: feature shape
  /// [1, 28, 28], pixels scaled from 0…255 to [0, 1], 10 classes.
  /// - Throws: `DatasetError` naming the file when one is missing, damaged, of the wrong kind or
  ///   shape, or when images and labels disagree in number.
  /// - Complexity: O(sample count × 784).
  public static func load(directory: String, part: Part) throws(DatasetError) -> Dataset {
    let imagesPath = try imagesPath(in: directory, part: part)
    let labelsPath = try labelsPath(in: directory, part: part)
    return try makeDataset(
      images: try IDXFile(contentsOf: imagesPath, expectedMagic: IDXFile.magic(rank: 3)),
      imagesPath: imagesPath,
      labels: try IDXFile(contentsOf: labelsPath, expectedMagic: IDXFile.magic(rank: 1)),
      labelsPath: labelsPath, name: "mnist-\(part.rawValue)")
  }

  /// A data set from parsed IDX images (rank 3, 28×28) and labels (rank 1, values 0–9); the
  /// paths only name the files in errors.
  /// - Throws: `unexpectedDimensions`, `countMismatch` or `labelOutOfRange`.
  /// - Complexity: O(sample count × 784).
  public static func makeDataset(
    images: IDXFile, imagesPath: String, labels: IDXFile, labelsPath: String, name: String
  ) throws(DatasetError) -> Dataset {
    guard images.dimensions.count == 3, images.dimensions[1] == side, images.dimensions[2] == side
    else {
      throw .unexpectedDimensions(
        path: imagesPath, expected: "[count, 28, 28]", found: images.dimensions)
    }
    let checked = try checkedLabels(labels, path: labelsPath)
    guard images.dimensions[0] == checked.count else {
      throw .countMismatch(
        imagesPath: imagesPath, imageCount: images.dimensions[0], labelsPath: labelsPath,
        labelCount: checked.count)
    }
    var features = [Float](repeating: 0, count: images.values.count)
    features.withUnsafeMutableBufferPointer { target in
      images.values.withUnsafeBufferPointer { pixels in
        for index in 0..<pixels.count { target[index] = Float(pixels[index]) / 255 }
      }
    }
    return Dataset(
      name: name, featureShape: [1, side, side], features: features, labels: checked,
      classCount: classCount)
  }

  private static func checkedLabels(_ file: IDXFile, path: String) throws(DatasetError) -> [Int32] {
    guard file.dimensions.count == 1 else {
      throw .unexpectedDimensions(path: path, expected: "[count]", found: file.dimensions)
    }
    if let index = file.values.firstIndex(where: { Int($0) >= classCount }) {
      throw .labelOutOfRange(
        source: path, index: index, label: Int(file.values[index]), classCount: classCount)
    }
    return file.values.map { Int32($0) }
  }

  private static func locate(stem: String, kind: String, in directory: String)
    throws(DatasetError) -> String
  {
    let folder = directory.hasSuffix("/") ? directory : directory + "/"
    let names = ["\(stem)-\(kind)", "\(stem)-\(kind).gz", "\(stem).\(kind)", "\(stem).\(kind).gz"]
    let candidates = names.map { folder + $0 }
    guard let found = candidates.first(where: FileBytes.exists) else {
      throw .fileNotFound(candidates: candidates)
    }
    return found
  }
}
