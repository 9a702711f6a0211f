import BigNum

/// Exponentiation of one fixed base by many exponents: the fixed-base comb of Lim and Lee
/// ("More flexible exponentiation with precomputation", CRYPTO '94), as Algorithm 14.117 of
/// Menezes, van Oorschot and Vanstone, *Handbook of Applied Cryptography* (1996), §14.6.3.
///
/// A t-bit exponent is laid out as `rows` (h) rows of a = ⌈t/h⌉ bits, each row cut into
/// `blocks` (v) blocks of b = ⌈a/v⌉ bits. The table holds, for every block j and every h-bit
/// pattern I, G[j][I] = Π_{bit r of I set} g^(2^(r·a + j·b)). An exponentiation then reads one
/// h-bit column per block and step: b − 1 squarings and at most v·b ≈ a multiplications,
/// against about t squarings and t/(w+1) multiplications for a sliding window.
///
/// The table and the accumulator stay in BigNum's Montgomery form modulo r² (base-r digits, see
/// `SquaredModulusContext`), so each step is one digit-pair Montgomery product, as inside
/// `power`; the comb wins because it needs about t/h + t/(h·v) steps instead of 1.2·t.
struct FixedBaseComb: Sendable {
  /// The arithmetic modulo the group modulus r².
  let context: SquaredModulusContext
  /// The longest exponent accepted, t bits.
  let exponentBitCount: Int
  /// h: the number of exponent bits read per table lookup.
  let rows: Int
  /// a = ⌈t/h⌉: the bits per row.
  let rowLength: Int
  /// v: the number of tables, one per block of a row.
  let blocks: Int
  /// b = ⌈a/v⌉: the bits per block, the number of squaring steps.
  let blockLength: Int
  /// G[j][I] at index j·(2^h − 1) + I − 1 (I = 0 is the identity and is not stored), in
  /// Montgomery form.
  let table: [SquaredModulusContext.Element]

  /// The comb for `base` modulo the context's modulus and exponents of up to
  /// `exponentBitCount` bits, adding the limb products of the precomputation to
  /// `limbProducts`: entering Montgomery form, about t squarings for the powers
  /// g^(2^(r·a + j·b)) and v·(2^h − 1 − h) products for the table.
  /// - Precondition: `exponentBitCount >= 1`, `rows` in 1...16, `blocks >= 1`.
  init(
    base: BigUInt, context: SquaredModulusContext, exponentBitCount: Int, rows: Int, blocks: Int,
    limbProducts: inout Int64
  ) {
    precondition(exponentBitCount >= 1, "FixedBaseComb: exponent size \(exponentBitCount) < 1")
    precondition((1...16).contains(rows), "FixedBaseComb: \(rows) rows; use 1...16")
    precondition(blocks >= 1, "FixedBaseComb: \(blocks) blocks; use at least 1")
    self.context = context
    self.exponentBitCount = exponentBitCount
    self.rows = rows
    let rowLength = (exponentBitCount + rows - 1) / rows
    let blockLength = (rowLength + min(blocks, rowLength) - 1) / min(blocks, rowLength)
    // With b fixed, only ⌈a/b⌉ blocks are non-empty; keeping exactly those makes every
    // position r·a + j·b fall inside row r, so positions grow with (r, j).
    let blocks = (rowLength + blockLength - 1) / blockLength
    self.rowLength = rowLength
    self.blocks = blocks
    self.blockLength = blockLength

    // powers[r·v + j] = g^(2^(r·a + j·b)), by one chain of squarings.
    var powers: [SquaredModulusContext.Element] = []
    powers.reserveCapacity(rows * blocks)
    var current = context.element(base, limbProducts: &limbProducts)
    var position = 0
    for row in 0..<rows {
      for block in 0..<blocks {
        let target = row * rowLength + block * blockLength
        while position < target {
          current = context.square(current, limbProducts: &limbProducts)
          position += 1
        }
        powers.append(current)
      }
    }
    let patternCount = (1 << rows) - 1
    var table: [SquaredModulusContext.Element] = []
    table.reserveCapacity(blocks * patternCount)
    for block in 0..<blocks {
      let offset = table.count
      for pattern in 1...patternCount {
        let highRow = Int.bitWidth - 1 - pattern.leadingZeroBitCount
        let rest = pattern ^ (1 << highRow)
        let power = powers[highRow * blocks + block]
        table.append(
          rest == 0
            ? power
            : context.multiply(table[offset + rest - 1], power, limbProducts: &limbProducts))
      }
    }
    self.table = table
  }

  /// The memory the table occupies: entries × 2k limbs (two digits of the root's k limbs) × 8
  /// bytes.
  var tableByteCount: Int { table.count * 2 * context.limbCount * 8 }

  /// g^exponent mod the modulus, adding the limb products of the b − 1 squarings, the table
  /// multiplications and the final exit from Montgomery form to `limbProducts`.
  /// - Precondition: `exponent.bitLength <= exponentBitCount`.
  /// - Complexity: b − 1 modular squarings and at most a modular multiplications.
  func power(_ exponent: BigUInt, limbProducts: inout Int64) -> BigUInt {
    precondition(
      exponent.bitLength <= exponentBitCount,
      "FixedBaseComb: a \(exponent.bitLength)-bit exponent exceeds the \(exponentBitCount) bits "
        + "the table was built for")
    let patternCount = (1 << rows) - 1
    var accumulator: SquaredModulusContext.Element? = nil
    for step in stride(from: blockLength - 1, through: 0, by: -1) {
      if let value = accumulator {
        accumulator = context.square(value, limbProducts: &limbProducts)
      }
      for block in stride(from: blocks - 1, through: 0, by: -1) {
        let column = block * blockLength + step
        guard column < rowLength else { continue }
        var pattern = 0
        for row in 0..<rows where exponent.isBitSet(row * rowLength + column) {
          pattern |= 1 << row
        }
        guard pattern != 0 else { continue }
        let entry = table[block * patternCount + pattern - 1]
        if let value = accumulator {
          accumulator = context.multiply(value, entry, limbProducts: &limbProducts)
        } else {
          accumulator = entry
        }
      }
    }
    guard let accumulator else { return context.reduce(.one) }
    return context.value(of: accumulator, limbProducts: &limbProducts)
  }
}
