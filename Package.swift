// swift-tools-version:6.0
// FedChainSim: a deterministic discrete-event simulator of federated learning and
// blockchain-based federated learning. No package dependencies, by design.
import PackageDescription

/// Library targets, lowest layer first (see DESIGN.md §3). Each is also a library product so that
/// another package can build its own schemes, workloads and device profiles on top.
let libraries: [(name: String, dependencies: [Target.Dependency])] = [
  ("SimCore", []),
  ("BigNum", []),
  ("SimKernel", ["SimCore"]),
  ("Cryptography", ["SimCore", "BigNum"]),
  ("Learning", ["SimCore", "VectorKernels"]),
  ("Platform", ["SimCore", "SimKernel"]),
  ("Ledger", ["SimCore", "SimKernel", "Cryptography"]),
  ("Faults", ["SimCore", "SimKernel", "Platform", "Ledger"]),
  (
    "Schemes", ["SimCore", "SimKernel", "Platform", "Learning", "Cryptography", "Ledger", "Faults"]
  ),
  ("Traces", ["SimCore"]),
  (
    "Scenario",
    [
      "SimCore", "SimKernel", "Platform", "Learning", "Cryptography", "Ledger", "Faults",
      "Schemes", "Traces",
    ]
  ),
]

/// Every existential is spelled `any P`, so its cost is visible at the use site.
let strictSettings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

var targets: [Target] = libraries.map { library in
  .target(name: library.name, dependencies: library.dependencies, swiftSettings: strictSettings)
}
// The learning kernels' AVX2 and AVX-512 paths: C functions with per-function target attributes,
// chosen at run time (`KernelPath`), so the default build is the fast one on every CPU. Plain C
// settings, no `unsafeFlags`: the `Learning` product stays usable as a dependency.
targets.append(.target(name: "VectorKernels"))
targets += libraries.map { library in
  .testTarget(
    name: "\(library.name)Tests",
    dependencies: [.target(name: library.name)] + library.dependencies,
    swiftSettings: strictSettings)
}
targets += [
  .executableTarget(
    name: "fedchain",
    dependencies: ["Scenario", "Schemes", "Traces", "Platform", "SimCore", "Learning"],
    swiftSettings: strictSettings),
  .executableTarget(
    name: "fedchain-bench",
    dependencies: [
      "Scenario", "Schemes", "Ledger", "Platform", "SimKernel", "SimCore", "Learning",
      "Cryptography",
      "BigNum",
    ],
    swiftSettings: strictSettings),
  // The corpus replayer; `fuzz/run.sh` builds it as a libFuzzer target (fuzz/README.md).
  .executableTarget(
    name: "fedchain-fuzz", dependencies: ["Scenario", "Platform"],
    swiftSettings: strictSettings),
]

// The command-line tool's dispatch and exit codes are tested through `@testable import fedchain`.
targets.append(
  .testTarget(
    name: "fedchainTests", dependencies: ["fedchain", "Scenario", "Traces"],
    swiftSettings: strictSettings))

let package = Package(
  name: "FedChainSim",
  products: libraries.map { .library(name: $0.name, targets: [$0.name]) } + [
    .executable(name: "fedchain", targets: ["fedchain"]),
    .executable(name: "fedchain-bench", targets: ["fedchain-bench"]),
    .executable(name: "fedchain-fuzz", targets: ["fedchain-fuzz"]),
  ],
  targets: targets
)
