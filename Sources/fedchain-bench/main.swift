// fedchain-bench: runs the benchmark cases named on the command line (by prefix), or all of them.
// Each case discards one warm-up run, then times N runs on ContinuousClock and prints the median,
// the minimum, the rate and a checksum.

import Foundation
import Learning

#if DEBUG
  print(
    "WARNING: fedchain-bench was built in DEBUG; figures are meaningless. Use `swift run -c release fedchain-bench`."
  )
#endif

var arguments = Array(CommandLine.arguments.dropFirst())
// The learning kernels' vector path (issue #15): the best this CPU has, or FEDCHAIN_KERNELS's.
if case .failure(let refused)? = KernelPath.environmentOverride {
  print("fedchain-bench: \(refused)")
  exit(64)
}
print("kernels: \(KernelPath.selected) (best on this machine: \(KernelPath.best))")
// MNIST for the data cases: `--mnist DIR`, else the shared copy beside the checkout.
var mnistDirectory = "../shared/data/mnist"
if let flag = arguments.firstIndex(of: "--mnist"), flag + 1 < arguments.count {
  mnistDirectory = arguments[flag + 1]
  arguments.removeSubrange(flag...(flag + 1))
}
let allCases =
  kernelBenchmarkCases() + networkBenchmarkCases() + fedAvgBenchmarkCases() + stageBenchmarkCases()
  + faultBenchmarkCases()
  + bigNumBenchmarkCases()
  + hashingBenchmarkCases()
  + curve25519BenchmarkCases() + homomorphicBenchmarkCases() + learningBenchmarkCases()
  + ledgerBenchmarkCases() + consensusBenchmarkCases() + aggregationBenchmarkCases()
  + dataBenchmarkCases(mnistDirectory: mnistDirectory) + decodingBenchmarkCases()
if arguments.contains("--help") || arguments.contains("-h") {
  print("usage: fedchain-bench [--list] [--mnist DIR] [CASE-PREFIX…]")
  print("With no prefix, runs every case except those marked (named only), which run when named.")
  print("cases:")
  for c in allCases {
    print("  \(c.name)\(c.runsByDefault ? "" : " (named only)")  — \(c.summary)")
  }
} else if arguments.contains("--list") {
  for c in allCases { print(c.name) }
} else {
  let selected = allCases.filter { c in
    arguments.isEmpty
      ? c.runsByDefault
      : arguments.contains { c.name == $0 || (c.runsByDefault && c.name.hasPrefix($0)) }
  }
  if selected.isEmpty { print("no case matches \(arguments); try --list") }
  for c in selected {
    let r = BenchmarkRunner.measure(c)
    print(
      "\(r.name)  median \(formatSeconds(r.medianSeconds))  min \(formatSeconds(r.minimumSeconds))  "
        + "\(formatRate(r.medianRate)) \(r.unit)/s  cpu \(formatSeconds(r.medianCPUSeconds)) = \(formatRate(r.cpuRate)) \(r.unit)/s  "
        + "n=\(r.repetitions)  checksum \(String(r.checksum, radix: 16))")
  }
}

func formatSeconds(_ s: Double) -> String {
  s >= 1 ? "\(Double(Int(s * 1000)) / 1000) s" : "\(Double(Int(s * 1_000_000)) / 1000) ms"
}

func formatRate(_ x: Double) -> String {
  if x >= 1e9 { return "\(Double(Int(x / 1e7)) / 100)e9" }
  if x >= 1e6 { return "\(Double(Int(x / 1e4)) / 100)e6" }
  if x >= 1e3 { return "\(Double(Int(x / 10)) / 100)e3" }
  return "\(Double(Int(x * 100)) / 100)"
}
