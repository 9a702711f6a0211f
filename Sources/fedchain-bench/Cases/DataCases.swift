import Learning
import SimCore

/// Data loading and partitioning benchmarks (issue #3 §2). Gunzip rates are in MB/s of
/// decompressed output (1 MB = 10⁶ bytes), the figure `gzip -dc file > /dev/null` reports as
/// size / time, so `data.gunzip.mnist-train-images` compares directly with GNU gzip or zlib on
/// the same file (the issue asks for 47 MB in well under a second).
///
/// The MNIST case runs only when `mnistDirectory` holds `train-images-idx3-ubyte.gz`; the default
/// is `data/mnist` under the working directory.
func dataBenchmarkCases(mnistDirectory: String = "data/mnist") -> [BenchmarkCase] {
  var cases = [
    gunzipCase(
      name: "data.gunzip.digits",
      summary: "Gzip.decompress of the embedded digits (57 KB → 265 KB)",
      repetitions: 50, input: { (try? Digits.embeddedGzip()) ?? [] }),
    digitsLoadCase(),
    partitionCase(scheme: .iid),
    partitionCase(scheme: .pathological()),
    partitionCase(scheme: .dirichlet(alpha: 0.5)),
  ]
  let mnistImages = mnistDirectory + "/train-images-idx3-ubyte.gz"
  if FileBytes.exists(mnistImages) {
    cases.insert(
      gunzipCase(
        name: "data.gunzip.mnist-train-images",
        summary: "Gzip.decompress of MNIST's training images (9.9 MB → 47 MB)", repetitions: 7,
        input: { (try? FileBytes.read(mnistImages)) ?? [] }),
      at: 1)
  }
  return cases
}

/// Decompresses `input` once per run; the rate counts output bytes. Every 4096th output byte
/// feeds the checksum.
private func gunzipCase(
  name: String, summary: String, repetitions: Int, input: @escaping () -> [UInt8]
) -> BenchmarkCase {
  let compressed = input()
  let outputBytes = (try? Gzip.decompress(compressed).count) ?? 0
  return BenchmarkCase(
    name: name, summary: summary, repetitions: repetitions,
    workPerRun: Double(outputBytes) / 1e6, unit: "MB",
    prepare: {
      {
        guard let output = try? Gzip.decompress(compressed) else { return 0 }
        var checksum = UInt64(output.count)
        for index in stride(from: 0, to: output.count, by: 4096) {
          checksum = checksumMix(checksum, UInt64(output[index]))
        }
        return checksum
      }
    })
}

/// `Digits.load()`: base64, gunzip and CSV parsing of the embedded default data set.
private func digitsLoadCase() -> BenchmarkCase {
  BenchmarkCase(
    name: "data.load.digits", summary: "Digits.load(): base64 + gunzip + parse, 1797 samples",
    repetitions: 20, workPerRun: 1, unit: "loads",
    prepare: {
      {
        guard let digits = try? Digits.load() else { return 0 }
        return checksumMix(UInt64(digits.count), UInt64(digits.features[100].bitPattern))
      }
    })
}

/// Partitions 60,000 labels (MNIST's size, 10 balanced classes) among 100 clients.
private func partitionCase(scheme: PartitionScheme) -> BenchmarkCase {
  let labels = (0..<60_000).map { Int32($0 % 10) }
  let name = scheme.description.split(separator: ":")[0]
  return BenchmarkCase(
    name: "data.partition.\(name)",
    summary: "PartitionScheme.\(scheme) of 60,000 labels among 100 clients",
    repetitions: 11, workPerRun: 60_000, unit: "samples",
    prepare: {
      {
        var generator = RandomStreams(seed: 1).make(.dataPartitioning)
        guard
          let parts = try? scheme.partition(
            labels: labels, classCount: 10, clientCount: 100, using: &generator)
        else { return 0 }
        return parts.reduce(0) { checksumMix($0, UInt64($1.count) &+ UInt64($1.first ?? 0)) }
      }
    })
}
