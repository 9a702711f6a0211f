/// General matrix multiplication in float32: `C = A·B` or `C += A·B`, the hot kernel of training.
///
/// The structure is Goto and van de Geijn's ("Anatomy of high-performance matrix multiplication",
/// ACM TOMS 34(3), 2008), as refined by BLIS (Van Zee and van de Geijn, ACM TOMS 41(3), 2015):
/// B is packed into `depthBlock × nr` slivers and A into `depthBlock × mr` slivers, and a
/// register-tiled microkernel keeps a 16 × 16 tile of C in `SIMD16<Float>` registers.
///
/// **Reproducibility.** Every element of C is one scalar chain, in a fixed order:
/// `c = ((c₀ + a₀b₀) + a₁b₁) + … + a₍k−1₎b₍k−1₎`, where `c₀` is 0 (or C's old value when
/// accumulating), each product is rounded to float32 and then added (a separate multiply and add,
/// never a fused multiply-add: Swift does not contract `a + b * c`, and an explicit `fma` would
/// be a slow library call in a build without FMA instructions). Vector lanes hold different elements of C, never parts of one sum,
/// and a tile carries on from its stored partial sum across depth blocks, so the result is the same
/// bits whatever the vector width, the tile shape or the block sizes. The test
/// `GEMMTests.matchesNaiveLoopBitForBit` checks this against a plain triple loop.
///
/// Work: `2·m·n·k` floating-point operations (one multiply and one add per term).
///
/// **Paths.** The microkernel runs on the widest vector path the CPU has (`KernelPath`): AVX-512
/// or AVX2 from the `VectorKernels` C target, else the Swift `SIMD16<Float>` code below. Packing
/// and edge handling are shared, and every path keeps the chain above, so the choice changes the
/// speed, never the bits.
public enum GEMM {
  /// Rows of C per microkernel tile.
  @usableFromInline static let tileRows = 16
  /// Columns of C per microkernel tile: one `SIMD16<Float>` vector.
  @usableFromInline static let tileColumns = 16
  /// Depth (k) of one packed block: an A or B sliver of 256 × 16 floats is 16 KiB, so both fit
  /// in a 32 KiB L1 data cache.
  @usableFromInline static let depthBlock = 256
  /// Columns of B packed at once (a 256 × 512 block is 512 KiB, half of this machine's L2).
  @usableFromInline static let columnBlock = 512
  /// Rows of A packed at once (a 128 × 256 block is 128 KiB).
  @usableFromInline static let rowBlock = 128
  /// The largest B (in bytes spanned) that a one-row-tile product reads in place, unpacked: half
  /// of this machine's 2 MiB L2.
  @usableFromInline static let directBBytes = 1 << 20

  /// The floating-point operations of an `m×k` by `k×n` product: `2·m·n·k`.
  @inlinable
  public static func flops(m: Int, n: Int, k: Int) -> Int64 { 2 * Int64(m) * Int64(n) * Int64(k) }

  /// Computes `C = A·B`, or `C += A·B` when `accumulating`, where C is row-major with `rowStride`
  /// floats between rows and `a.rows × b.columns` elements.
  ///
  /// C must not overlap A or B.
  /// - Precondition: `a.columns == b.rows`, `cRowStride ≥ b.columns`.
  /// - Complexity: O(m·n·k) time; O(depthBlock × (columnBlock + rowBlock)) scratch memory.
  public static func multiply(
    _ a: MatrixView, _ b: MatrixView, into c: UnsafeMutablePointer<Float>,
    rowStride cRowStride: Int,
    accumulating: Bool
  ) {
    multiply(a, b, into: c, rowStride: cRowStride, accumulating: accumulating, path: .selected)
  }

  /// `multiply(_:_:into:rowStride:accumulating:)` on the given vector path, which must be one of
  /// `KernelPath.available` (tests run every path and compare the bits).
  public static func multiply(
    _ a: MatrixView, _ b: MatrixView, into c: UnsafeMutablePointer<Float>,
    rowStride cRowStride: Int, accumulating: Bool, path: KernelPath
  ) {
    precondition(path.rawValue <= KernelPath.best.rawValue, "GEMM: \(path) is not available")
    precondition(
      a.columns == b.rows,
      "GEMM: inner sizes differ, A is \(a.rows)×\(a.columns), B is \(b.rows)×\(b.columns)")
    precondition(cRowStride >= b.columns, "GEMM: C row stride \(cRowStride) < \(b.columns) columns")
    let m = a.rows
    let n = b.columns
    let k = a.columns
    if m == 0 || n == 0 { return }
    if k == 0 {
      if !accumulating {
        for i in 0..<m { (c + i * cRowStride).update(repeating: 0, count: n) }
      }
      return
    }
    let packedB = UnsafeMutableRawPointer.allocate(
      byteCount: depthBlock * columnBlock * MemoryLayout<Float>.stride, alignment: 64
    ).bindMemory(to: Float.self, capacity: depthBlock * columnBlock)
    let packedA = UnsafeMutableRawPointer.allocate(
      byteCount: depthBlock * rowBlock * MemoryLayout<Float>.stride, alignment: 64
    ).bindMemory(to: Float.self, capacity: depthBlock * rowBlock)
    defer {
      packedB.deallocate()
      packedA.deallocate()
    }
    // Equal depth blocks (784 = 4 × 196, not 3 × 256 + 16), so no block is so shallow that
    // loading and storing its C tiles outweighs its arithmetic.
    let depthBlocks = (k + depthBlock - 1) / depthBlock
    let balancedDepth = (k + depthBlocks - 1) / depthBlocks
    var column0 = 0
    while column0 < n {
      let width = min(columnBlock, n - column0)
      var depth0 = 0
      while depth0 < k {
        let depth = min(balancedDepth, k - depth0)
        // The first depth block starts each sum from zero unless the caller accumulates; later
        // blocks continue from the partial sums stored in C, which keeps the chain sequential.
        let continuesC = accumulating || depth0 > 0
        // With one row tile (m ≤ 16: a dense layer's forward pass on a small batch), each B
        // value is used once, so a row-major B is read in place instead of copied into slivers;
        // only a ragged last sliver is packed, as the microkernel reads 16 columns per step.
        // Only while B spans at most `directBBytes`: a larger B read in place, 16 columns at a
        // time down rows kilobytes apart, missed the TLB more than its copy cost (measured on
        // the CNN's 3136 × 512 layer: 2NN training +7%, CNN −1%).
        let directB: UnsafePointer<Float>? =
          m <= tileRows && b.columnStride == 1
            && k * b.rowStride * MemoryLayout<Float>.stride <= directBBytes
          ? UnsafePointer(b.base + depth0 * b.rowStride + column0) : nil
        let packedWidth = directB == nil ? 0 : width - width % tileColumns
        if packedWidth < width {
          packB(
            b, row0: depth0, depth: depth, column0: column0 + packedWidth,
            width: width - packedWidth, into: packedB + packedWidth * depth, path: path)
        }
        var row0 = 0
        while row0 < m {
          let height = min(rowBlock, m - row0)
          packA(
            a, row0: row0, height: height, column0: depth0, depth: depth, into: packedA,
            path: path)
          multiplyPacked(
            packedA, packedB, directB: directB, directStride: b.rowStride, height: height,
            width: width, depth: depth, into: c + row0 * cRowStride + column0,
            rowStride: cRowStride, continuesC: continuesC, path: path)
          row0 += height
        }
        depth0 += depth
      }
      column0 += width
    }
  }

  /// Runs the microkernel over every tile of one packed block, handling ragged edges through a
  /// scratch tile so that the microkernel itself always sees a full `tileRows × tileColumns`.
  /// Full-width tiles read B at `directB` (rows `directStride` apart) when it is given, else
  /// from the packed slivers; ragged tiles always read their packed sliver.
  @usableFromInline
  static func multiplyPacked(
    _ packedA: UnsafePointer<Float>, _ packedB: UnsafePointer<Float>,
    directB: UnsafePointer<Float>?, directStride: Int, height: Int, width: Int,
    depth: Int, into c: UnsafeMutablePointer<Float>, rowStride: Int, continuesC: Bool,
    path: KernelPath
  ) {
    withUnsafeTemporaryAllocation(of: Float.self, capacity: tileRows * tileColumns) { scratch in
      let edge = scratch.baseAddress!
      var j = 0
      while j < width {
        let tileWidth = min(tileColumns, width - j)
        let direct = tileWidth == tileColumns ? directB : nil
        let bSliver = direct.map { $0 + j } ?? packedB + j * depth
        let ldb = direct == nil ? tileColumns : directStride
        var i = 0
        while i < height {
          let tileHeight = min(tileRows, height - i)
          let aSliver = packedA + i * depth
          let cTile = c + i * rowStride + j
          if tileWidth == tileColumns {
            tile(
              path, rows: tileHeight, depth, aSliver, bSliver, ldb, cTile, rowStride, continuesC)
          } else {
            // Ragged columns: the padded columns of the packed B sliver are zero and are
            // computed into the scratch tile, then dropped; the valid lanes follow the same chain.
            if continuesC {
              for r in 0..<tileHeight {
                (edge + r * tileColumns).update(from: cTile + r * rowStride, count: tileWidth)
              }
            }
            tile(
              path, rows: tileHeight, depth, aSliver, bSliver, ldb, edge, tileColumns, continuesC)
            for r in 0..<tileHeight {
              (cTile + r * rowStride).update(from: edge + r * tileColumns, count: tileWidth)
            }
          }
          i += tileRows
        }
        j += tileColumns
      }
    }
  }
}
