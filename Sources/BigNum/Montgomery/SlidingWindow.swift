/// Left-to-right sliding-window exponentiation (Menezes, van Oorschot and Vanstone, *Handbook
/// of Applied Cryptography*, 1996, Algorithm 14.85), written once for every residue
/// representation: `MontgomeryContext` runs it over k-limb Montgomery residues and
/// `SquaredModulusContext` over 2k-limb digit pairs. The caller owns the memory and supplies
/// the square and multiply steps, each returning the limb products it performed.
enum SlidingWindow {
  /// The window width for an exponent of `exponentBits` bits: the w in 1...8 that minimises the
  /// expected multiplications, 2^(w−1) for the table plus bits/(w+1) for the windows
  /// (HAC §14.6.1); for example 2 for 8 bits, 5 for 512, 6 for 1,024, 7 for 2,048 and 4,096.
  static func width(exponentBits: Int) -> Int {
    var best = 1
    var bestCost = Int.max
    for width in 1...8 {
      let cost = (1 << (width - 1)) + exponentBits / (width + 1)
      if cost < bestCost {
        best = width
        bestCost = cost
      }
    }
    return best
  }

  /// Fills `table` (2^(width−1) entries of `count` limbs) with x¹, x³, …, x^(2^width − 1) from
  /// x in `table[0..<count]`, using `scratch` (`count` limbs) for x²: one squaring and
  /// 2^(width−1) − 1 multiplications. Returns their limb products.
  @inline(__always)
  static func fillTable(
    _ table: UnsafeMutablePointer<UInt64>, width: Int, count: Int,
    scratch: UnsafeMutablePointer<UInt64>,
    square: (_ r: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>) -> Int,
    multiply: (
      _ r: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>
    ) -> Int
  ) -> Int {
    let tableCount = 1 << (width - 1)
    guard tableCount > 1 else { return 0 }
    var products = square(scratch, table)
    for index in 1..<tableCount {
      products &+= multiply(table + index * count, table + (index - 1) * count, scratch)
    }
    return products
  }

  /// Leaves x^exponent in `accumulator` (`count` limbs), for a table from `fillTable`: the
  /// exponent is read from its top bit; zeros cost a squaring each; a window of up to `width`
  /// bits ending in a one costs its squarings and one multiplication by an odd power (the first
  /// window is a copy). Returns the limb products.
  /// - Precondition: the exponent is not zero.
  @inline(__always)
  static func scan(
    _ exponent: BigUInt, width: Int, table: UnsafePointer<UInt64>, count: Int,
    accumulator: UnsafeMutablePointer<UInt64>,
    square: (_ r: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>) -> Int,
    multiply: (
      _ r: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>
    ) -> Int
  ) -> Int {
    precondition(!exponent.isZero, "SlidingWindow.scan needs a non-zero exponent")
    var products = 0
    var bit = exponent.bitLength - 1
    var isFirstWindow = true
    while bit >= 0 {
      if !exponent.isBitSet(bit) {
        products &+= square(accumulator, accumulator)
        bit -= 1
        continue
      }
      var low = max(bit - width + 1, 0)
      while !exponent.isBitSet(low) { low += 1 }
      let length = bit - low + 1
      let entry = table + Int(exponent.bits(from: low, count: length) >> 1) * count
      if isFirstWindow {
        accumulator.update(from: entry, count: count)
        isFirstWindow = false
      } else {
        for _ in 0..<length { products &+= square(accumulator, accumulator) }
        products &+= multiply(accumulator, accumulator, entry)
      }
      bit = low - 1
    }
    return products
  }
}
