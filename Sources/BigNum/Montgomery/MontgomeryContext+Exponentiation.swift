// Modular exponentiation by sliding windows over Montgomery products.

extension MontgomeryContext {
  /// `base^exponent mod modulus` (`1 mod modulus` when the exponent is zero).
  /// - Complexity: about `exponent.bitLength` squarings plus `bitLength/(w+1) + 2^(w−1)`
  ///   multiplications of k limbs each, w being the window width.
  public func power(_ base: BigUInt, _ exponent: BigUInt) -> BigUInt {
    var ignored: Int64 = 0
    return power(base, exponent, limbProducts: &ignored)
  }

  /// `base^exponent mod modulus`, adding the limb products performed to `limbProducts`.
  ///
  /// Left-to-right sliding-window exponentiation (Menezes, van Oorschot and Vanstone, *Handbook
  /// of Applied Cryptography*, 1996, Algorithm 14.85) over a table of the odd powers
  /// base¹, base³, …, base^(2^w − 1), with the width w chosen from the exponent's length by
  /// `SlidingWindow.width(exponentBits:)`, which also runs the scan. All intermediate values
  /// live in one buffer allocated per call; the multiply and square steps do not allocate.
  /// - Complexity: as `power(_:_:)`.
  public func power(_ base: BigUInt, _ exponent: BigUInt, limbProducts: inout Int64) -> BigUInt {
    if exponent.isZero { return .one }
    let reducedBase = reduce(base, limbProducts: &limbProducts)
    if reducedBase.isZero { return .zero }
    let k = limbCount
    let width = SlidingWindow.width(exponentBits: exponent.bitLength)
    let tableCount = 1 << (width - 1)
    // Layout: table (tableCount·k) | accumulator (k) | operand (k) | workspace.
    let buffer = UnsafeMutablePointer<UInt64>.allocate(
      capacity: (tableCount + 2) * k + MontgomeryWorkspace.bufferCount(k: k))
    defer { buffer.deallocate() }
    let table = buffer
    let accumulator = buffer + tableCount * k
    let operand = accumulator + k
    var products = 0
    let result = withWorkspace(in: operand + k) { workspace in
      // table[0] = base·R mod n; table[i] = base^(2i+1)·R mod n.
      operand.initialize(repeating: 0, count: k)
      reducedBase.limbs.withUnsafeBufferPointer {
        operand.update(from: $0.baseAddress!, count: $0.count)
      }
      products &+= workspace.multiply(table, operand, workspace.rSquared)
      products &+= SlidingWindow.fillTable(
        table, width: width, count: k, scratch: operand,
        square: { workspace.square($0, $1) }, multiply: { workspace.multiply($0, $1, $2) })
      products &+= SlidingWindow.scan(
        exponent, width: width, table: table, count: k, accumulator: accumulator,
        square: { workspace.square($0, $1) }, multiply: { workspace.multiply($0, $1, $2) })
      // Leave Montgomery form: REDC of the accumulator itself gives x·R·R⁻¹ = x.
      workspace.product.update(from: accumulator, count: k)
      (workspace.product + k).update(repeating: 0, count: k)
      products &+= workspace.reduce(into: accumulator)
      return BigUInt(capacity: k) { $0.initialize(from: accumulator, count: k) }
    }
    limbProducts += Int64(products)
    return result
  }
}
