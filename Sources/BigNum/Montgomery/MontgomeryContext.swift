/// Modular arithmetic modulo one fixed odd modulus, with exponentiation by Montgomery
/// multiplication: build it once per modulus (a Paillier n², a Pedersen group prime) and reuse it.
///
/// ```swift
/// let context = MontgomeryContext(modulus: nSquared)
/// var products: Int64 = 0
/// let c = context.power(r, n, limbProducts: &products)   // rⁿ mod n²
/// work.limbMultiplications += products
/// ```
///
/// **Work accounting.** Every operation has a twin taking `limbProducts: inout Int64`, to which
/// it adds the 64×64→128-bit limb products it performed (pass `&work.limbMultiplications`
/// directly). Inside `power`, one Montgomery multiplication costs `limbProductsPerMultiplication`
/// products (2k² + 2.5k for k = `limbCount` a multiple of 4 below the Karatsuba threshold) and
/// one squaring `limbProductsPerSquaring` (k(k+1)/2 + k² + 2.5k); `power` reports the exact
/// total of the multiplications and squarings it ran, including the window table and the
/// conversions into and out of Montgomery form. A 2048-bit exponent modulo a 4096-bit modulus
/// costs about 2,047 squarings and 320 multiplications: ≈ 1.4·10⁷ limb products.
///
/// For a modulus that is the square of a known odd number (Paillier's n², p² and q²),
/// `SquaredModulusContext` computes the same powers with about 40% fewer limb products.
///
/// The context is an immutable value: it is `Sendable` and can be shared freely.
public struct MontgomeryContext: Sendable {
  /// The odd modulus n > 1.
  public let modulus: BigUInt
  /// −n⁻¹ mod 2²⁵⁶, least significant limb first: the digit factor of the four-row Montgomery
  /// reduction (its first limb, −n⁻¹ mod 2⁶⁴, serves the single rows).
  let inverseNegatedWide: (UInt64, UInt64, UInt64, UInt64)
  /// R² mod n with R = 2^(64k), padded to k limbs: multiplying by it enters Montgomery form.
  let rSquared: [UInt64]

  /// A context for `modulus`.
  /// - Precondition: `modulus` is odd and greater than 1.
  /// - Complexity: one division of a (2k+1)-limb number by the k-limb modulus.
  public init(modulus: BigUInt) {
    var ignored: Int64 = 0
    self.init(modulus: modulus, limbProducts: &ignored)
  }

  /// A context for `modulus`, adding the limb products of its setup (the division that yields
  /// R² mod n) to `limbProducts`.
  /// - Precondition: `modulus` is odd and greater than 1.
  public init(modulus: BigUInt, limbProducts: inout Int64) {
    precondition(
      modulus.isOdd && modulus > .one,
      "MontgomeryContext needs an odd modulus above 1, got \(modulus)")
    self.modulus = modulus
    let k = modulus.limbs.count
    // Newton's iteration x ← x(2 − n₀x) doubles the correct low bits of n₀⁻¹ mod 2⁶⁴; x = n₀
    // is already right modulo 2³ for odd n₀, so five steps reach 96 ≥ 64 bits.
    let n0 = modulus.limbs[0]
    var inverse = n0
    for _ in 0..<5 { inverse = inverse &* (2 &- n0 &* inverse) }
    let limbs = modulus.limbs + [0, 0, 0]
    inverseNegatedWide = MontgomeryWorkspace.wideInverseNegated(
      limbs[0], limbs[1], limbs[2], limbs[3], inverse: inverse)
    let r2 = (BigUInt.one << (128 * k)).quotientAndRemainder(
      dividingBy: modulus, limbProducts: &limbProducts
    ).remainder
    rSquared = r2.limbs + [UInt64](repeating: 0, count: k - r2.limbs.count)
  }

  /// The number of 64-bit limbs k of the modulus.
  public var limbCount: Int { modulus.limbs.count }

  /// Runs `body` with a workspace over this modulus whose product and scratch are the first
  /// `MontgomeryWorkspace.bufferCount(k:)` limbs of `buffer`.
  func withWorkspace<Result>(
    in buffer: UnsafeMutablePointer<UInt64>, _ body: (MontgomeryWorkspace) -> Result
  ) -> Result {
    modulus.limbs.withUnsafeBufferPointer { modulusLimbs in
      rSquared.withUnsafeBufferPointer { rSquaredLimbs in
        body(
          MontgomeryWorkspace(
            modulus: modulusLimbs.baseAddress!, k: limbCount,
            inverseNegatedWide: inverseNegatedWide, rSquared: rSquaredLimbs.baseAddress!,
            product: buffer, scratch: buffer + 2 * limbCount))
      }
    }
  }

  /// The limb products of one Montgomery multiplication of two residues inside `power`: the
  /// k-limb product (k² below the Karatsuba threshold of 24 limbs, three half-size products per
  /// level above it) plus the reduction (k² + 2.5k when k is a multiple of 4, four-row passes of
  /// 4k + 10). For a 2048-bit modulus (k = 32) that is 768 + 1,104 = 1,872; for 4096 bits
  /// (k = 64) 2,304 + 4,256 = 6,560. A cost model for callers that estimate before computing;
  /// `power(_:_:limbProducts:)` reports the exact total.
  public var limbProductsPerMultiplication: Int64 {
    Int64(MontgomeryWorkspace.productCounts(k: limbCount).multiply)
  }

  /// The limb products of one Montgomery squaring inside `power`: the dedicated square
  /// (k(k+1)/2 below the squaring threshold of 48 limbs, fewer above) plus the reduction.
  public var limbProductsPerSquaring: Int64 {
    Int64(MontgomeryWorkspace.productCounts(k: limbCount).square)
  }

  /// `a · b mod modulus`, by one product and one division (cheaper than converting a single
  /// product into and out of Montgomery form; for chains of products, keep the operands as
  /// `Element`s).
  /// - Complexity: O(k²).
  public func multiply(_ a: BigUInt, _ b: BigUInt) -> BigUInt {
    var ignored: Int64 = 0
    return multiply(a, b, limbProducts: &ignored)
  }

  /// `a · b mod modulus`, adding the limb products performed to `limbProducts`.
  /// - Complexity: O(k²).
  public func multiply(_ a: BigUInt, _ b: BigUInt, limbProducts: inout Int64) -> BigUInt {
    a.multiplied(by: b, limbProducts: &limbProducts).quotientAndRemainder(
      dividingBy: modulus, limbProducts: &limbProducts
    ).remainder
  }

  /// `value mod modulus`.
  /// - Complexity: O(k·(limbs of value − k + 1)).
  public func reduce(_ value: BigUInt) -> BigUInt {
    var ignored: Int64 = 0
    return reduce(value, limbProducts: &ignored)
  }

  /// `value mod modulus`, adding the limb products of the division to `limbProducts`.
  /// - Complexity: O(k·(limbs of value − k + 1)).
  public func reduce(_ value: BigUInt, limbProducts: inout Int64) -> BigUInt {
    if value < modulus { return value }
    return value.quotientAndRemainder(dividingBy: modulus, limbProducts: &limbProducts).remainder
  }
}
