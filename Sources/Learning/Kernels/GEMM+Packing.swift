import VectorKernels

// MARK: - Packing

// The loops below step pointers instead of multiplying indices: packing is pure data movement,
// and with checked index arithmetic it cost as much as the arithmetic of a thin product
// (e.g. the first convolution's 32 × 25 · 25 × 784).

extension GEMM {
  /// Copies `B[row0 ..< row0+depth, column0 ..< column0+width]` into slivers of `tileColumns`
  /// columns: sliver `s` holds, for each depth step `p`, the `tileColumns` floats of row `p`, so the
  /// microkernel reads B with unit stride. Columns past `width` are zero.
  ///
  /// The copy runs along whichever direction of B is contiguous: rows for a row-major B, columns
  /// for a transposed one (`xᵀ` and `Wᵀ` in back-propagation), so reads stay sequential. On the
  /// AVX-512 path a transposed B's full slivers are transposed in registers, 16 × 16 at a time.
  @usableFromInline
  static func packB(
    _ b: MatrixView, row0: Int, depth: Int, column0: Int, width: Int,
    into packed: UnsafeMutablePointer<Float>, path: KernelPath
  ) {
    let rowStride = b.rowStride
    let columnStride = b.columnStride
    var sliver = packed
    var j0 = 0
    while j0 < width {
      let valid = min(tileColumns, width - j0)
      let origin = b.base + row0 * rowStride + (column0 + j0) * columnStride
      if valid < tileColumns { sliver.update(repeating: 0, count: depth * tileColumns) }
      if columnStride == 1 {
        var source = origin
        var destination = sliver
        if valid == tileColumns {
          for _ in 0..<depth {
            UnsafeMutableRawPointer(destination).storeBytes(
              of: UnsafeRawPointer(source).loadUnaligned(as: SIMD16<Float>.self),
              as: SIMD16<Float>.self)
            source += rowStride
            destination += tileColumns
          }
        } else {
          for _ in 0..<depth {
            destination.update(from: source, count: valid)
            source += rowStride
            destination += tileColumns
          }
        }
      } else if rowStride == 1 && valid == tileColumns && path == .avx512 {
        vk_pack_transposed16_avx512(origin, columnStride, depth, sliver)
      } else {
        for j in 0..<valid {
          var source = origin + j &* columnStride
          var destination = sliver + j
          for _ in 0..<depth {
            destination.pointee = source.pointee
            source += rowStride
            destination += tileColumns
          }
        }
      }
      sliver += depth * tileColumns
      j0 += tileColumns
    }
  }

  /// Copies `A[row0 ..< row0+height, column0 ..< column0+depth]` into slivers of `tileRows` rows:
  /// sliver `s` holds, for each depth step `p`, the `tileRows` floats of column `p`. Rows past
  /// `height` are zero. As in `packB`, the copy follows A's contiguous direction, and a row-major
  /// A's full slivers are transposed in registers on the AVX-512 path.
  @usableFromInline
  static func packA(
    _ a: MatrixView, row0: Int, height: Int, column0: Int, depth: Int,
    into packed: UnsafeMutablePointer<Float>, path: KernelPath
  ) {
    let rowStride = a.rowStride
    let columnStride = a.columnStride
    var sliver = packed
    var i0 = 0
    while i0 < height {
      let valid = min(tileRows, height - i0)
      let origin = a.base + (row0 + i0) * rowStride + column0 * columnStride
      if valid < tileRows { sliver.update(repeating: 0, count: depth * tileRows) }
      if rowStride == 1 && valid == tileRows {
        var source = origin
        var destination = UnsafeMutableRawPointer(sliver)
        for _ in 0..<depth {
          destination.storeBytes(
            of: UnsafeRawPointer(source).loadUnaligned(as: SIMD16<Float>.self),
            as: SIMD16<Float>.self)
          source += columnStride
          destination += 64
        }
      } else if columnStride == 1 && valid == tileRows && path == .avx512 {
        vk_pack_transposed16_avx512(origin, rowStride, depth, sliver)
      } else {
        for i in 0..<valid {
          var source = origin + i &* rowStride
          var destination = sliver + i
          for _ in 0..<depth {
            destination.pointee = source.pointee
            source += columnStride
            destination += tileRows
          }
        }
      }
      sliver += depth * tileRows
      i0 += tileRows
    }
  }
}
