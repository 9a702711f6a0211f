/// A set of pairwise coprime moduli prepared for Chinese-remainder recombination: given
/// residues rᵢ mod mᵢ it returns the unique x below m₀·m₁···mₖ₋₁ with x ≡ rᵢ (mod mᵢ).
///
/// Uses Garner's algorithm (Menezes, van Oorschot and Vanstone, *Handbook of Applied
/// Cryptography*, Algorithm 14.71): the inverses cᵢ = (m₀···mᵢ₋₁)⁻¹ mod mᵢ are computed once
/// here, so each `combine` costs only products and reductions. Typical use: Paillier or RSA
/// decryption modulo p and q separately, then one recombination modulo n = p·q.
///
/// ```swift
/// let basis = try ChineseRemainderBasis(moduli: [p, q])
/// let m = basis.combine([mp, mq])
/// ```
public struct ChineseRemainderBasis: Sendable {
  /// The moduli, in the order residues are given.
  public let moduli: [BigUInt]
  /// The product of all moduli: `combine` returns values below it.
  public let product: BigUInt
  /// prefixProducts[i] = m₀···mᵢ₋₁ (1 for i = 0).
  let prefixProducts: [BigUInt]
  /// coefficients[i] = prefixProducts[i]⁻¹ mod mᵢ.
  let coefficients: [BigUInt]

  /// A basis over `moduli`.
  /// - Throws: `BigNumError.noModuli`, `.zeroModulus` or `.moduliNotCoprime` naming the pair.
  /// - Complexity: O(k²·n²) for k moduli of n limbs.
  public init(moduli: [BigUInt]) throws(BigNumError) {
    var ignored: Int64 = 0
    try self.init(moduli: moduli, limbProducts: &ignored)
  }

  /// A basis over `moduli`, adding the limb products of the setup to `limbProducts`.
  /// - Throws: as `init(moduli:)`.
  public init(moduli: [BigUInt], limbProducts: inout Int64) throws(BigNumError) {
    guard !moduli.isEmpty else { throw .noModuli }
    if let index = moduli.firstIndex(where: \.isZero) { throw .zeroModulus(index: index) }
    for first in moduli.indices {
      for second in moduli.indices where second > first {
        let common = BigUInt.gcd(moduli[first], moduli[second], limbProducts: &limbProducts)
        if common != .one {
          throw .moduliNotCoprime(first: first, second: second, commonFactor: common)
        }
      }
    }
    var prefix = BigUInt.one
    var prefixProducts: [BigUInt] = []
    var coefficients: [BigUInt] = []
    for modulus in moduli {
      prefixProducts.append(prefix)
      // Pairwise coprime moduli make every prefix product invertible modulo the next modulus.
      guard let coefficient = prefix.inverse(modulo: modulus, limbProducts: &limbProducts) else {
        preconditionFailure("ChineseRemainderBasis: coprime moduli gave a non-invertible prefix")
      }
      coefficients.append(coefficient)
      prefix = prefix.multiplied(by: modulus, limbProducts: &limbProducts)
    }
    self.moduli = moduli
    self.product = prefix
    self.prefixProducts = prefixProducts
    self.coefficients = coefficients
  }

  /// The x in `0..<product` with x ≡ residues[i] (mod moduli[i]) for every i.
  /// - Precondition: one residue per modulus, each below its modulus.
  /// - Complexity: O(k²·n²).
  public func combine(_ residues: [BigUInt]) -> BigUInt {
    var ignored: Int64 = 0
    return combine(residues, limbProducts: &ignored)
  }

  /// The recombined value, adding the limb products performed to `limbProducts`.
  /// - Precondition: one residue per modulus, each below its modulus.
  public func combine(_ residues: [BigUInt], limbProducts: inout Int64) -> BigUInt {
    precondition(
      residues.count == moduli.count,
      "ChineseRemainderBasis.combine: \(residues.count) residues for \(moduli.count) moduli")
    var x = BigUInt.zero
    for index in moduli.indices {
      let modulus = moduli[index]
      let residue = residues[index]
      precondition(
        residue < modulus,
        "ChineseRemainderBasis.combine: residue #\(index) \(residue) is not below \(modulus)")
      // x ≡ residues[j] for j < index already; add a multiple of the prefix product that fixes
      // the residue modulo moduli[index]: v = (rᵢ − x)·cᵢ mod mᵢ.
      let current = x.quotientAndRemainder(dividingBy: modulus, limbProducts: &limbProducts)
        .remainder
      let difference = residue >= current ? residue - current : residue + modulus - current
      let v = difference.multiplied(by: coefficients[index], limbProducts: &limbProducts)
        .quotientAndRemainder(dividingBy: modulus, limbProducts: &limbProducts).remainder
      x += v.multiplied(by: prefixProducts[index], limbProducts: &limbProducts)
    }
    return x
  }
}
