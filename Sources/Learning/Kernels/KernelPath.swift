import VectorKernels

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Which vector instructions the learning kernels use, chosen at run time (issue #15).
///
/// One binary runs everywhere: the AVX2 and AVX-512 paths are C functions compiled for their
/// targets (the `VectorKernels` target, since Swift has no per-function target attributes), and
/// the portable path is Swift's `SIMD16<Float>` code, which is SSE2 on x86-64 and NEON on arm64.
/// At the first kernel call the widest path this CPU and operating system support is selected;
/// `FEDCHAIN_KERNELS=portable|avx2|avx512` in the environment forces a narrower one, for
/// comparisons (the command-line tools refuse a value this machine cannot run; the library
/// ignores it and uses `best`).
///
/// The choice never changes a result: every path computes each output element as the same chain
/// of separate float32 multiplies and adds (`GEMM`), which `KernelPathTests` checks bit for bit.
public enum KernelPath: Int, CaseIterable, Sendable, CustomStringConvertible {
  /// Swift's SIMD types at the build's baseline (SSE2 on x86-64, NEON on arm64).
  case portable = 0
  /// 256-bit AVX2 registers.
  case avx2 = 1
  /// 512-bit AVX-512F registers.
  case avx512 = 2

  /// The name used by `FEDCHAIN_KERNELS` and in benchmark output.
  public var description: String {
    switch self {
    case .portable: "portable"
    case .avx2: "avx2"
    case .avx512: "avx512"
    }
  }

  /// The path named `name` (`portable`, `avx2`, `avx512`), or nil.
  public init?(name: String) {
    guard let path = Self.allCases.first(where: { $0.description == name }) else { return nil }
    self = path
  }

  /// The widest path this machine supports.
  public static let best = KernelPath(rawValue: Int(vk_best_path().rawValue)) ?? .portable

  /// Every path this machine can run, narrowest first.
  public static var available: [KernelPath] { allCases.filter { $0.rawValue <= best.rawValue } }

  /// What `FEDCHAIN_KERNELS` asks for: nil when unset; `.failure` with the value when it names
  /// no path or one this machine lacks, so that a command-line tool can refuse it in one line.
  public static var environmentOverride: Result<KernelPath, KernelPathError>? {
    requested(getenv("FEDCHAIN_KERNELS").map { String(cString: $0) })
  }

  /// The path a `FEDCHAIN_KERNELS` value asks for, as `environmentOverride` describes.
  public static func requested(_ value: String?) -> Result<KernelPath, KernelPathError>? {
    guard let value else { return nil }
    guard let path = KernelPath(name: value) else {
      return .failure(KernelPathError(value: value, reason: "names no kernel path"))
    }
    guard path.rawValue <= best.rawValue else {
      return .failure(KernelPathError(value: value, reason: "is not supported by this CPU"))
    }
    return .success(path)
  }

  /// The path in use: `override` when set, else `environmentOverride` when it is valid, else
  /// `best`.
  public static var selected: KernelPath { override ?? processDefault }

  /// A path for the calling task only (`KernelPath.$override.withValue(.portable) { … }`): tests
  /// compare paths this way without changing the path of tests running beside them.
  @TaskLocal public static var override: KernelPath?

  /// The process's path, read once.
  private static let processDefault: KernelPath = (try? environmentOverride?.get()) ?? best
}

/// A `FEDCHAIN_KERNELS` value that cannot be used.
public struct KernelPathError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The variable's value.
  public let value: String
  /// Why it was refused.
  public let reason: String

  public var description: String {
    "FEDCHAIN_KERNELS=\(value) \(reason); accepted: "
      + KernelPath.available.map(\.description).joined(separator: ", ")
  }
}
