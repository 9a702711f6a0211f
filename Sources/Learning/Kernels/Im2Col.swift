/// The lowering of a stride-1 "same" convolution to a matrix product (Chellapilla, Puri and
/// Simard, "High performance convolutional neural networks for document processing", 2006).
///
/// For one sample of `channels × height × width` and a `k × k` kernel with `k / 2` zero padding,
/// the column matrix has `channels·k·k` rows and `height·width` columns: row `(c·k + dy)·k + dx`,
/// column `y·width + x` holds `input[c, y + dy − k/2, x + dx − k/2]`, or 0 outside the image.
/// The convolution is then `W (outChannels × channels·k·k) · columns`, one GEMM per sample.
public enum Im2Col {
  /// Fills `columns` (`channels·k·k × height·width`, row-major) from one sample at `input`.
  /// Pure data movement: no floating-point operations.
  /// - Complexity: O(channels·k²·height·width).
  public static func lower(
    _ input: UnsafePointer<Float>, channels: Int, height: Int, width: Int, kernelSize k: Int,
    into columns: UnsafeMutablePointer<Float>
  ) {
    let pad = k / 2
    let plane = height * width
    var row = columns
    for c in 0..<channels {
      let source = input + c * plane
      for dy in 0..<k {
        for dx in 0..<k {
          for y in 0..<height {
            let sy = y + dy - pad
            let destination = row + y * width
            if sy < 0 || sy >= height {
              fillShort(destination, count: width)
              continue
            }
            // Valid x range: 0 ≤ x + dx − pad < width.
            let x0 = max(0, pad - dx)
            let x1 = min(width, width + pad - dx)
            if x0 > 0 { fillShort(destination, count: x0) }
            if x1 > x0 {
              copyShort(source + sy * width + x0 + dx - pad, to: destination + x0, count: x1 - x0)
            }
            if x1 < width { fillShort(destination + x1, count: width - x1) }
          }
          row += plane
        }
      }
    }
  }

  /// Adds each entry of `columns` back to the input position it was copied from (the adjoint of
  /// `lower`), accumulating into `gradient` (`channels × height × width`), which the caller zeroes.
  ///
  /// Entries are added in row order of `columns`, so the sum for each input position is in a
  /// fixed order. Work: one add per entry that maps inside the image.
  /// - Returns: the number of additions done.
  /// - Complexity: O(channels·k²·height·width).
  @discardableResult
  public static func accumulateAdjoint(
    _ columns: UnsafePointer<Float>, channels: Int, height: Int, width: Int, kernelSize k: Int,
    into gradient: UnsafeMutablePointer<Float>
  ) -> Int64 {
    let pad = k / 2
    let plane = height * width
    var additions: Int64 = 0
    var row = columns
    for c in 0..<channels {
      let destination = gradient + c * plane
      for dy in 0..<k {
        for dx in 0..<k {
          let x0 = max(0, pad - dx)
          let x1 = min(width, width + pad - dx)
          for y in 0..<height {
            let sy = y + dy - pad
            if sy < 0 || sy >= height || x1 <= x0 { continue }
            let source = row + y * width
            let target = destination + sy * width + dx - pad
            for x in x0..<x1 { target[x] = target[x] + source[x] }
            additions += Int64(x1 - x0)
          }
          row += plane
        }
      }
    }
    return additions
  }

  // Image rows are short (28 or 14 floats for MNIST): a call to the C library's memmove or memset
  // per segment cost more than the copy (a tenth of a CNN training step), so they are moved
  // inline, eight floats at a time.

  /// Copies `count` floats from `source` to `destination` (not overlapping).
  @inline(__always)
  static func copyShort(
    _ source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>, count: Int
  ) {
    typealias V = SIMD8<Float>
    var i = 0
    while i + V.scalarCount <= count {
      UnsafeMutableRawPointer(destination + i).storeBytes(
        of: UnsafeRawPointer(source + i).loadUnaligned(as: V.self), as: V.self)
      i += V.scalarCount
    }
    while i < count {
      destination[i] = source[i]
      i += 1
    }
  }

  /// Sets `count` floats at `destination` to zero.
  @inline(__always)
  static func fillShort(_ destination: UnsafeMutablePointer<Float>, count: Int) {
    typealias V = SIMD8<Float>
    var i = 0
    while i + V.scalarCount <= count {
      UnsafeMutableRawPointer(destination + i).storeBytes(of: V(), as: V.self)
      i += V.scalarCount
    }
    while i < count {
      destination[i] = 0
      i += 1
    }
  }
}
