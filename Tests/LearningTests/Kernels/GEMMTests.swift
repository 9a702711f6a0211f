import SimCore
import Testing

@testable import Learning

struct GEMMTests {
  /// Values in [−1, 1) on a 1/1024 grid from a seeded stream: exact in float32, varied enough
  /// that a changed summation order changes the rounding of most sums.
  private static func matrix(_ count: Int, seed: UInt64) -> [Float] {
    var generator = RandomStreams(seed: seed).make(StreamPurpose("gemmTest"))
    return (0..<count).map { _ in Float(generator.nextInt(below: 2048) - 1024) / 1024 + 0x1p-20 }
  }

  /// The reference: for each element of C, one scalar chain `c = c + a·b` over p = 0, 1, …, k−1,
  /// starting from 0 or from C, with a separate multiply and add — the order GEMM documents.
  private static func naive(
    _ a: MatrixView, _ b: MatrixView, into c: inout [Float], rowStride: Int, accumulating: Bool
  ) {
    for i in 0..<a.rows {
      for j in 0..<b.columns {
        var sum: Float = accumulating ? c[i * rowStride + j] : 0
        for p in 0..<a.columns {
          let product = a[i, p] * b[p, j]
          sum = sum + product
        }
        c[i * rowStride + j] = sum
      }
    }
  }

  /// The first index where the bits differ, with both values, or nil when all are equal: a short
  /// failure message instead of two whole matrices.
  private static func firstDifference(_ x: [Float], _ y: [Float]) -> String? {
    guard x.count == y.count else { return "counts \(x.count) and \(y.count)" }
    guard let i = x.indices.first(where: { x[$0].bitPattern != y[$0].bitPattern }) else {
      return nil
    }
    return "element \(i): \(x[i]) against \(y[i])"
  }

  @Test func multipliesASmallMatrixByHand() {
    // [1 2 3; 4 5 6] · [7 8; 9 10; 11 12] = [58 64; 139 154]: 1·7+2·9+3·11 = 58, 1·8+2·10+3·12 = 64,
    // 4·7+5·9+6·11 = 139, 4·8+5·10+6·12 = 154.
    let a: [Float] = [1, 2, 3, 4, 5, 6]
    let b: [Float] = [7, 8, 9, 10, 11, 12]
    var c = [Float](repeating: -1, count: 4)
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        GEMM.multiply(
          MatrixView(rowMajor: a.baseAddress!, rows: 2, columns: 3),
          MatrixView(rowMajor: b.baseAddress!, rows: 3, columns: 2), into: &c, rowStride: 2,
          accumulating: false)
      }
    }
    #expect(c == [58, 64, 139, 154])
  }

  /// Shapes that cross every blocking boundary: the 16-row and 16-column tile edges, the
  /// 256-deep block (k = 300), the 128-row block (m = 130) and the 512-column block (n = 520);
  /// every tile height 1…16 occurs (m = 17, 130, 10, 5, 3, 1), which exercises each band of the
  /// AVX2 tile (6 + 6 + 4 rows). Run on every vector path this machine has (`KernelPath`).
  @Test(arguments: [
    (1, 1, 1), (16, 16, 16), (17, 33, 300), (130, 17, 5), (3, 520, 4), (10, 200, 24), (5, 7, 0),
  ])
  func matchesNaiveLoopBitForBit(shape: (m: Int, n: Int, k: Int)) {
    let (m, n, k) = shape
    let a = Self.matrix(m * k, seed: 1)
    let b = Self.matrix(k * n, seed: 2)
    let start = Self.matrix(m * n, seed: 3)
    for accumulating in [false, true] {
      var reference = start
      a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
          let aView = MatrixView(rowMajor: a.baseAddress!, rows: m, columns: k)
          let bView = MatrixView(rowMajor: b.baseAddress!, rows: k, columns: n)
          Self.naive(aView, bView, into: &reference, rowStride: n, accumulating: accumulating)
        }
      }
      for path in KernelPath.available {
        var fast = start
        a.withUnsafeBufferPointer { a in
          b.withUnsafeBufferPointer { b in
            let aView = MatrixView(rowMajor: a.baseAddress!, rows: m, columns: k)
            let bView = MatrixView(rowMajor: b.baseAddress!, rows: k, columns: n)
            fast.withUnsafeMutableBufferPointer { c in
              GEMM.multiply(
                aView, bView, into: c.baseAddress!, rowStride: n, accumulating: accumulating,
                path: path)
            }
          }
        }
        #expect(
          Self.firstDifference(fast, reference) == nil,
          "m=\(m) n=\(n) k=\(k) accumulating=\(accumulating) path=\(path)")
      }
    }
  }

  @Test func transposedOperandsMatchNaiveLoop() {
    // C (9×21) = Aᵀ·Bᵀ with A stored 19×9 and B stored 21×19, into a C with a wider row stride.
    let (m, n, k, stride) = (9, 21, 19, 25)
    let a = Self.matrix(k * m, seed: 4)
    let b = Self.matrix(n * k, seed: 5)
    var reference = [Float](repeating: 7, count: m * stride)
    for path in KernelPath.available {
      var fast = [Float](repeating: 7, count: m * stride)
      a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
          let aView = MatrixView(rowMajor: a.baseAddress!, rows: k, columns: m).transposed
          let bView = MatrixView(rowMajor: b.baseAddress!, rows: n, columns: k).transposed
          fast.withUnsafeMutableBufferPointer { c in
            GEMM.multiply(
              aView, bView, into: c.baseAddress!, rowStride: stride, accumulating: false,
              path: path)
          }
          if path == .portable {
            Self.naive(aView, bView, into: &reference, rowStride: stride, accumulating: false)
          }
        }
      }
      #expect(Self.firstDifference(fast, reference) == nil, "path=\(path)")
      // Columns 21..<25 of each row lie outside C and must be untouched.
      #expect(
        (0..<m).allSatisfy { i in (n..<stride).allSatisfy { fast[i * stride + $0] == 7 } },
        "path=\(path)")
    }
  }

  @Test func summationOrderIsSequentialNotPairwise() {
    // A catch for a reordered sum: 1·2²⁴ + 1·1 + 1·(−2²⁴) is 0 in left-to-right float32
    // (2²⁴ + 1 rounds to 2²⁴), but 1 if the last two terms were added first.
    let a: [Float] = [1, 1, 1]
    let b: [Float] = [0x1p24, 1, -0x1p24]
    var c: [Float] = [5]
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        GEMM.multiply(
          MatrixView(rowMajor: a.baseAddress!, rows: 1, columns: 3),
          MatrixView(rowMajor: b.baseAddress!, rows: 3, columns: 1), into: &c, rowStride: 1,
          accumulating: false)
      }
    }
    #expect(c == [0])
  }

  @Test func countsTwoFlopsPerMultiplyAdd() {
    // (64×784)·(784×200): 2·64·200·784 = 20,070,400.
    #expect(GEMM.flops(m: 64, n: 200, k: 784) == 20_070_400)
  }
}
