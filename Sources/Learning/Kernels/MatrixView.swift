/// A read-only view of a float32 matrix anywhere in memory: element `(i, j)` is at
/// `base[i × rowStride + j × columnStride]`.
///
/// Strides let one GEMM serve every product training needs: a row-major matrix has
/// `columnStride == 1`, and its transpose is the same memory with the strides swapped
/// (`transposed`), so `Xᵀ·dY` and `dY·Wᵀ` need no copies besides GEMM's own packing.
///
/// A view does not own its memory; it is valid only while the buffer it was made from is.
public struct MatrixView {
  /// The element at row 0, column 0.
  public var base: UnsafePointer<Float>
  /// The number of rows.
  public var rows: Int
  /// The number of columns.
  public var columns: Int
  /// Floats between the starts of consecutive rows.
  public var rowStride: Int
  /// Floats between consecutive elements of a row.
  public var columnStride: Int

  /// A view of `rows × columns` floats at `base`, with the given strides.
  /// - Precondition: `rows ≥ 0`, `columns ≥ 0`.
  @inlinable
  public init(
    base: UnsafePointer<Float>, rows: Int, columns: Int, rowStride: Int, columnStride: Int
  ) {
    precondition(rows >= 0 && columns >= 0, "MatrixView: negative size \(rows)×\(columns)")
    self.base = base
    self.rows = rows
    self.columns = columns
    self.rowStride = rowStride
    self.columnStride = columnStride
  }

  /// A row-major view of `rows × columns` floats at `base` (row stride = `columns`).
  @inlinable
  public init(rowMajor base: UnsafePointer<Float>, rows: Int, columns: Int) {
    self.init(base: base, rows: rows, columns: columns, rowStride: columns, columnStride: 1)
  }

  /// The transpose, sharing the same memory.
  @inlinable public var transposed: MatrixView {
    MatrixView(
      base: base, rows: columns, columns: rows, rowStride: columnStride, columnStride: rowStride)
  }

  /// The element at row `i`, column `j` (unchecked beyond the view's own bounds precondition).
  @inlinable public subscript(i: Int, j: Int) -> Float {
    precondition(
      i >= 0 && i < rows && j >= 0 && j < columns,
      "MatrixView: (\(i), \(j)) outside \(rows)×\(columns)")
    return base[i * rowStride + j * columnStride]
  }
}
