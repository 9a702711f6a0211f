import VectorKernels

// MARK: - Microkernel

extension GEMM {
  /// `C[0..<16, 0..<16] (+)= Â·B̂` over `depth` steps, where `Â` is a packed A sliver (16 floats
  /// per step) and `B̂` 16 floats per step, `ldb` floats apart (16 in a packed B sliver, B's row
  /// stride when B is read in place).
  ///
  /// The 16 × 16 tile lives in sixteen `SIMD16<Float>` accumulators, one per row of C. Each step
  /// loads one vector of B and, for each row, multiplies it by a broadcast element of A and adds
  /// the product: a separate multiply and add, so every lane follows the scalar chain documented
  /// on `GEMM`.
  ///
  /// This is the portable path; `VectorKernels` holds the same tile for AVX2 and AVX-512.
  ///
  /// Why one B vector per step and not two: each broadcast then has a single use, so with AVX-512
  /// the compiler folds it into the multiply as an embedded broadcast (`vmulps m32{1to16}`) instead
  /// of a separate `vbroadcastss`. On this machine's AMD EPYC the separate broadcasts compete with
  /// the multiplies and adds for the vector pipes: an 8 × 32 tile peaked at 78 GFLOP/s in L1, this
  /// 16 × 16 tile at 116 GFLOP/s, the same as a fused multiply-add kernel. Without AVX-512 each
  /// vector is split into narrower registers by the compiler, with identical per-lane arithmetic.
  ///
  /// Only the first `rows` rows are computed and stored (the packed A sliver still advances 16
  /// floats per step). Callers pass `rows` as a literal through `microkernel(rows:…)`, so after
  /// inlining every `rows > i` test folds away and a 10-row tile (a batch of 10) costs 10 rows of
  /// arithmetic, not 16.
  @inline(__always) @usableFromInline
  static func microkernel(
    _ depth: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ ldb: Int,
    _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ continuesC: Bool, _ rows: Int = 16
  ) {
    typealias V = SIMD16<Float>
    let raw = UnsafeMutableRawPointer(c)
    let rowBytes = ldc * MemoryLayout<Float>.stride
    @inline(__always) func load(_ row: Int) -> V {
      continuesC && row < rows ? raw.loadUnaligned(fromByteOffset: row * rowBytes, as: V.self) : V()
    }
    var c0 = load(0)
    var c1 = load(1)
    var c2 = load(2)
    var c3 = load(3)
    var c4 = load(4)
    var c5 = load(5)
    var c6 = load(6)
    var c7 = load(7)
    var c8 = load(8)
    var c9 = load(9)
    var c10 = load(10)
    var c11 = load(11)
    var c12 = load(12)
    var c13 = load(13)
    var c14 = load(14)
    var c15 = load(15)
    var pa = a
    var pb = UnsafeRawPointer(b)
    let bStepBytes = ldb * MemoryLayout<Float>.stride
    for _ in 0..<depth {
      let v = pb.loadUnaligned(as: V.self)
      if rows > 0 { c0 = c0 + V(repeating: pa[0]) * v }
      if rows > 1 { c1 = c1 + V(repeating: pa[1]) * v }
      if rows > 2 { c2 = c2 + V(repeating: pa[2]) * v }
      if rows > 3 { c3 = c3 + V(repeating: pa[3]) * v }
      if rows > 4 { c4 = c4 + V(repeating: pa[4]) * v }
      if rows > 5 { c5 = c5 + V(repeating: pa[5]) * v }
      if rows > 6 { c6 = c6 + V(repeating: pa[6]) * v }
      if rows > 7 { c7 = c7 + V(repeating: pa[7]) * v }
      if rows > 8 { c8 = c8 + V(repeating: pa[8]) * v }
      if rows > 9 { c9 = c9 + V(repeating: pa[9]) * v }
      if rows > 10 { c10 = c10 + V(repeating: pa[10]) * v }
      if rows > 11 { c11 = c11 + V(repeating: pa[11]) * v }
      if rows > 12 { c12 = c12 + V(repeating: pa[12]) * v }
      if rows > 13 { c13 = c13 + V(repeating: pa[13]) * v }
      if rows > 14 { c14 = c14 + V(repeating: pa[14]) * v }
      if rows > 15 { c15 = c15 + V(repeating: pa[15]) * v }
      pa += 16
      pb += bStepBytes
    }
    @inline(__always) func store(_ v: V, _ row: Int) {
      if row < rows { raw.storeBytes(of: v, toByteOffset: row * rowBytes, as: V.self) }
    }
    store(c0, 0)
    store(c1, 1)
    store(c2, 2)
    store(c3, 3)
    store(c4, 4)
    store(c5, 5)
    store(c6, 6)
    store(c7, 7)
    store(c8, 8)
    store(c9, 9)
    store(c10, 10)
    store(c11, 11)
    store(c12, 12)
    store(c13, 13)
    store(c14, 14)
    store(c15, 15)
  }
}

extension GEMM {
  /// `microkernel` for a tile whose first `rows` rows (1…16) are valid, with `rows` turned into a
  /// literal per case so that each case is its own specialised loop.
  @inline(__always) @usableFromInline
  static func microkernel(
    rows: Int, _ depth: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ ldb: Int,
    _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ continuesC: Bool
  ) {
    switch rows {
    case 16: microkernel(depth, a, b, ldb, c, ldc, continuesC, 16)
    case 15: microkernel(depth, a, b, ldb, c, ldc, continuesC, 15)
    case 14: microkernel(depth, a, b, ldb, c, ldc, continuesC, 14)
    case 13: microkernel(depth, a, b, ldb, c, ldc, continuesC, 13)
    case 12: microkernel(depth, a, b, ldb, c, ldc, continuesC, 12)
    case 11: microkernel(depth, a, b, ldb, c, ldc, continuesC, 11)
    case 10: microkernel(depth, a, b, ldb, c, ldc, continuesC, 10)
    case 9: microkernel(depth, a, b, ldb, c, ldc, continuesC, 9)
    case 8: microkernel(depth, a, b, ldb, c, ldc, continuesC, 8)
    case 7: microkernel(depth, a, b, ldb, c, ldc, continuesC, 7)
    case 6: microkernel(depth, a, b, ldb, c, ldc, continuesC, 6)
    case 5: microkernel(depth, a, b, ldb, c, ldc, continuesC, 5)
    case 4: microkernel(depth, a, b, ldb, c, ldc, continuesC, 4)
    case 3: microkernel(depth, a, b, ldb, c, ldc, continuesC, 3)
    case 2: microkernel(depth, a, b, ldb, c, ldc, continuesC, 2)
    case 1: microkernel(depth, a, b, ldb, c, ldc, continuesC, 1)
    default: preconditionFailure("GEMM.microkernel: \(rows) rows, expected 1…16")
    }
  }
}

extension GEMM {
  /// One tile on `path`: the C microkernels of `VectorKernels` for AVX2 and AVX-512, the Swift
  /// microkernel above for the portable path. All three keep the same per-element chain.
  @inline(__always) @usableFromInline
  static func tile(
    _ path: KernelPath, rows: Int, _ depth: Int, _ a: UnsafePointer<Float>,
    _ b: UnsafePointer<Float>, _ ldb: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int,
    _ continuesC: Bool
  ) {
    switch path {
    case .avx512: vk_gemm_tile_avx512(depth, a, b, ldb, c, ldc, continuesC, Int32(rows))
    case .avx2: vk_gemm_tile_avx2(depth, a, b, ldb, c, ldc, continuesC, Int32(rows))
    case .portable: microkernel(rows: rows, depth, a, b, ldb, c, ldc, continuesC)
    }
  }
}
