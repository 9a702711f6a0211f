import Dispatch
import Learning
import SimCore
import Synchronization

/// Benchmarks of the `Learning` target: the GEMM kernel on the 2NN's shapes, the convolution
/// (im2col + GEMM against a direct loop), and local-training throughput of the 2NN and the MNIST
/// CNN on one thread and on two (two independent trainers, one per core).
///
/// Reference: numpy/OpenBLAS float32 `matmul` on the same shapes, one thread
/// (`shared/anchors/bench_gemm.py 1 auto`); compare in the same session, as a ratio.
func learningBenchmarkCases() -> [BenchmarkCase] {
  var cases: [BenchmarkCase] = []
  for (m, k, n) in [(64, 784, 200), (64, 200, 200)] {
    cases.append(gemmCase(m: m, k: k, n: n))
  }
  cases.append(convolutionCase(direct: false))
  cases.append(convolutionCase(direct: true))
  for (spec, batch, samples) in [
    ("mlp:784-200-200-10", 64, 2_560), ("mlp:784-200-200-10", 10, 1_000), ("cnn:mnist", 64, 128),
    ("cnn:mnist", 10, 60),
  ] {
    cases.append(trainingCase(spec: spec, batchSize: batch, samples: samples, threads: 1))
    cases.append(trainingCase(spec: spec, batchSize: batch, samples: samples, threads: 2))
  }
  return cases
}

/// Values in [−0.5, 0.5) from a seeded stream, for benchmark inputs.
private func benchmarkFloats(_ count: Int, index: Int) -> [Float] {
  var generator = RandomStreams(seed: 42).make(StreamPurpose("learningBenchmark"), index: index)
  return (0..<count).map { _ in Float(generator.nextUnitDouble() - 0.5) }
}

/// Folds float bit patterns into a checksum.
private func checksum(_ values: [Float], into start: UInt64 = 0) -> UInt64 {
  values.reduce(start) { checksumMix($0, UInt64($1.bitPattern)) }
}

private func gemmCase(m: Int, k: Int, n: Int) -> BenchmarkCase {
  let repetitionsPerRun = 200
  return BenchmarkCase(
    name: "learning.gemm.\(m)x\(k)x\(n)",
    summary:
      "float32 GEMM (\(m)×\(k))·(\(k)×\(n)), \(repetitionsPerRun) products per run, one thread",
    repetitions: 7, workPerRun: Double(GEMM.flops(m: m, n: n, k: k) * Int64(repetitionsPerRun)),
    unit: "flop",
    prepare: {
      let a = benchmarkFloats(m * k, index: 0)
      let b = benchmarkFloats(k * n, index: 1)
      return {
        var c = [Float](repeating: 0, count: m * n)
        a.withUnsafeBufferPointer { a in
          b.withUnsafeBufferPointer { b in
            c.withUnsafeMutableBufferPointer { c in
              for _ in 0..<repetitionsPerRun {
                GEMM.multiply(
                  MatrixView(rowMajor: a.baseAddress!, rows: m, columns: k),
                  MatrixView(rowMajor: b.baseAddress!, rows: k, columns: n), into: c.baseAddress!,
                  rowStride: n, accumulating: false)
              }
            }
          }
        }
        return checksum(c)
      }
    })
}

/// The MNIST CNN's second convolution (32→64 channels, 5×5, 14×14), forward, batch 10.
private func convolutionCase(direct: Bool) -> BenchmarkCase {
  let layer = Convolution2D(inChannels: 32, outChannels: 64, height: 14, width: 14)
  let batch = 10
  let flops = Double(batch) * Double(2 * 64 * 32 * 25 * 196 + 64 * 196)
  return BenchmarkCase(
    name: "learning.conv.mnist2.\(direct ? "direct" : "im2col")",
    summary: "conv 32→64, 5×5 same, 14×14, batch \(batch), forward: "
      + (direct ? "direct loop (baseline)" : "im2col + GEMM (used)"),
    repetitions: 7, workPerRun: flops, unit: "flop",
    prepare: {
      let input = Tensor(
        shape: [batch, 32, 14, 14], scalars: benchmarkFloats(batch * 32 * 196, index: 2))
      let parameters = benchmarkFloats(layer.parameterCount, index: 3)
      return {
        let output =
          direct
          ? directConvolution(input, parameters, layer)
          : parameters.withUnsafeBufferPointer { layer.forward(input, parameters: $0).output }
        return checksum(output.scalars)
      }
    })
}

/// A direct "same" convolution, vectorisable along x: the baseline the im2col choice is measured
/// against. It sums in another order than `Convolution2D`, so its checksum differs.
private func directConvolution(_ input: Tensor, _ parameters: [Float], _ layer: Convolution2D)
  -> Tensor
{
  let (cin, cout, h, w, k) = (
    layer.inChannels, layer.outChannels, layer.height, layer.width, layer.kernelSize
  )
  let batch = input.shape[0]
  let pad = k / 2
  var output = Tensor(shape: [batch, cout, h, w])
  input.withUnsafeBufferPointer { x in
    parameters.withUnsafeBufferPointer { p in
      output.withUnsafeMutableBufferPointer { y in
        for s in 0..<batch {
          for o in 0..<cout {
            let out = y.baseAddress! + (s * cout + o) * h * w
            out.update(repeating: p[cout * cin * k * k + o], count: h * w)
            for c in 0..<cin {
              let plane = x.baseAddress! + (s * cin + c) * h * w
              for dy in 0..<k {
                for dx in 0..<k {
                  let weight = p[((o * cin + c) * k + dy) * k + dx]
                  let x0 = max(0, pad - dx)
                  let x1 = min(w, w + pad - dx)
                  for yy in max(0, pad - dy)..<min(h, h + pad - dy) {
                    let source = plane + (yy + dy - pad) * w + dx - pad
                    let target = out + yy * w
                    for xx in x0..<x1 { target[xx] = target[xx] + weight * source[xx] }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  return output
}

/// One epoch of local training over `samples` synthetic samples, per trainer; with two threads,
/// two trainers on independent data run at once and the work counts both.
private func trainingCase(spec text: String, batchSize: Int, samples: Int, threads: Int)
  -> BenchmarkCase
{
  let shortName = text == "cnn:mnist" ? "cnn" : "2nn"
  return BenchmarkCase(
    name: "learning.train.\(shortName).b\(batchSize).t\(threads)",
    summary: "\(text) local SGD, batch \(batchSize), 1 epoch of \(samples) samples × \(threads) "
      + "trainer(s) on \(threads) thread(s)",
    repetitions: 5, workPerRun: Double(samples * threads), unit: "samples",
    prepare: {
      let spec: ModelSpec
      do { spec = try ModelSpec(parsing: text) } catch { preconditionFailure("\(error)") }
      let featureCount = spec.inputShape.reduce(1, *)
      let jobs = (0..<threads).map { index -> (Model, Dataset) in
        var generator = RandomStreams(seed: 42).make(.modelInitialisation, index: index)
        let model = Model(spec: spec, using: &generator)
        var labelGenerator = RandomStreams(seed: 42).make(.syntheticData, index: index)
        let data = Dataset(
          name: "synthetic\(index)", featureShape: spec.inputShape,
          features: benchmarkFloats(samples * featureCount, index: 10 + index),
          labels: (0..<samples).map { _ in Int32(labelGenerator.nextInt(below: 10)) },
          classCount: 10)
        return (model, data)
      }
      let trainer: LocalTrainer
      do { trainer = try LocalTrainer(epochs: 1, batchSize: batchSize, learningRate: 0.05) } catch {
        preconditionFailure("\(error)")
      }
      return {
        let results = Mutex([UInt64](repeating: 0, count: threads))
        DispatchQueue.concurrentPerform(iterations: threads) { index in
          var generator = RandomStreams(seed: 42).make(.dataShuffling, index: index)
          do {
            let outcome = try trainer.train(jobs[index].0, on: jobs[index].1, using: &generator)
            let sum = checksum(outcome.parameters, into: outcome.meanLoss.bitPattern)
            results.withLock { $0[index] = sum }
          } catch {
            preconditionFailure("\(error)")
          }
        }
        return results.withLock { $0.reduce(0, checksumMix) }
      }
    })
}
