// Modular exponentiation modulo r² by sliding windows over digit-pair Montgomery products.

extension SquaredModulusContext {
  /// `base^exponent mod modulus` (1 when the exponent is zero).
  /// - Complexity: about `exponent.bitLength` squarings plus `bitLength/(w+1) + 2^(w−1)`
  ///   multiplications, each on k-limb digits, w being the window width.
  public func power(_ base: BigUInt, _ exponent: BigUInt) -> BigUInt {
    var ignored: Int64 = 0
    return power(base, exponent, limbProducts: &ignored)
  }

  /// `base^exponent mod modulus`, adding the limb products performed to `limbProducts`: the
  /// divisions that bring the base into digit form, the table and the scan of
  /// `SlidingWindow` (the same windows as `MontgomeryContext.power`), the two reductions that
  /// leave Montgomery form and the product β·r that joins the digits.
  /// - Complexity: as `power(_:_:)`.
  public func power(_ base: BigUInt, _ exponent: BigUInt, limbProducts: inout Int64) -> BigUInt {
    if exponent.isZero { return .one }
    let reducedBase = reduce(base, limbProducts: &limbProducts)
    if reducedBase.isZero { return .zero }
    let count = 2 * limbCount  // limbs per residue
    let width = SlidingWindow.width(exponentBits: exponent.bitLength)
    let tableCount = 1 << (width - 1)
    let entry = digits(of: reducedBase, limbProducts: &limbProducts)
    // Layout: table (tableCount·2k) | accumulator (2k) | operand (2k) | workspace.
    let buffer = UnsafeMutablePointer<UInt64>.allocate(
      capacity: (tableCount + 2) * count + SquaredModulusWorkspace.bufferCount(k: limbCount))
    defer { buffer.deallocate() }
    let table = buffer
    let accumulator = buffer + tableCount * count
    let operand = accumulator + count
    var products = 0
    withWorkspace(in: operand + count) { workspace in
      entry.withUnsafeBufferPointer { table.initialize(from: $0.baseAddress!, count: count) }
      products &+= SlidingWindow.fillTable(
        table, width: width, count: count, scratch: operand,
        square: { workspace.square($0, $1) }, multiply: { workspace.multiply($0, $1, $2) })
      products &+= SlidingWindow.scan(
        exponent, width: width, table: table, count: count, accumulator: accumulator,
        square: { workspace.square($0, $1) }, multiply: { workspace.multiply($0, $1, $2) })
      products &+= workspace.leave(accumulator, accumulator)
    }
    limbProducts += Int64(products)
    return value(
      ofDigits: UnsafeBufferPointer(start: accumulator, count: count), limbProducts: &limbProducts)
  }
}
