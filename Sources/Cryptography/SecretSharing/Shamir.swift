import SimCore

/// Shamir's t-of-n threshold secret sharing (Shamir, "How to share a secret", CACM 22(11),
/// 1979) over the prime field GF(2¹²⁷ − 1) (`Mersenne127`).
///
/// A secret s (a vector of field elements; byte strings via `split(bytes:…)`) is hidden as the
/// constant term of a random polynomial f of degree t − 1 per element; holder i receives
/// f(i) for i = 1…n. Any t shares determine f, and f(0) = Σᵢ λᵢ·f(xᵢ) with the Lagrange
/// coefficients λᵢ = Π_{j≠i} xⱼ/(xⱼ − xᵢ); any t − 1 shares are uniformly distributed whatever
/// the secret (perfect secrecy).
///
/// ```swift
/// let shares = try Shamir.split(
///   bytes: seed, threshold: 3, shareCount: 5, using: &rng, work: &work)
/// let seedAgain = try Shamir.reconstructBytes(
///   Array(shares[1...3]), threshold: 3, byteCount: 32, work: &work)
/// ```
///
/// **Work.** Splitting evaluates each polynomial by Horner's rule (t − 1 field
/// multiplications per element and share); reconstruction computes the t Lagrange
/// coefficients (2(t − 1) multiplications each, one batched inversion: 3(t − 1) products plus
/// one inversion) and t products per element. Each field multiplication is reported as 4
/// `limbMultiplications` (see `Mersenne127`). Coefficients are drawn from the caller's
/// generator: reproducible, not secret.
public enum Shamir {
  /// The most shares one split can make: indices are encoded in two bytes.
  public static let maximumShareCount = 65_535

  /// Shares of `secret` for holders 1…`shareCount`, any `threshold` of which reconstruct it.
  /// Draws t − 1 random coefficients per element from `generator` (element by element, lowest
  /// degree first) and adds the evaluation's work to `work`.
  /// - Throws: `SecretSharingError.invalidShareCount` unless 1 ≤ shareCount ≤ 65,535,
  ///   `.invalidThreshold` unless 1 ≤ threshold ≤ shareCount.
  /// - Complexity: O(n·t·|secret|) field multiplications.
  public static func split(
    _ secret: [Mersenne127], threshold: Int, shareCount: Int,
    using generator: inout some RandomNumberGenerator, work: inout Work
  ) throws(SecretSharingError) -> [Share] {
    guard (1...maximumShareCount).contains(shareCount) else {
      throw .invalidShareCount(shareCount: shareCount, maximum: maximumShareCount)
    }
    return try split(
      secret, threshold: threshold, at: Array(1...shareCount), using: &generator, work: &work)
  }

  /// Shares of `secret` at the x-coordinates `indices` only (for holders with sparse
  /// identifiers); otherwise as `split(_:threshold:shareCount:using:work:)`.
  /// - Throws: `.invalidShareIndex`, `.duplicateShareIndex`, or `.invalidThreshold` unless
  ///   1 ≤ threshold ≤ indices.count.
  static func split(
    _ secret: [Mersenne127], threshold: Int, at indices: [Int],
    using generator: inout some RandomNumberGenerator, work: inout Work
  ) throws(SecretSharingError) -> [Share] {
    var seen = Set<Int>()
    for index in indices {
      guard (1...maximumShareCount).contains(index) else {
        throw .invalidShareIndex(index: index, maximum: maximumShareCount)
      }
      guard seen.insert(index).inserted else { throw .duplicateShareIndex(index) }
    }
    guard (1...max(indices.count, 1)).contains(threshold), !indices.isEmpty else {
      throw .invalidThreshold(threshold: threshold, shareCount: indices.count)
    }
    let polynomials = secret.map { constant in
      [constant] + (1..<threshold).map { _ in Mersenne127.random(using: &generator) }
    }
    return evaluate(polynomials, at: indices, work: &work)
  }

  /// The shares f(x) for x in `indices` of the given polynomials (coefficients lowest degree
  /// first, one polynomial per secret element): the deterministic half of `split`, for
  /// known-answer tests. Horner's rule: deg f multiplications per element and share.
  static func evaluate(_ polynomials: [[Mersenne127]], at indices: [Int], work: inout Work)
    -> [Share]
  {
    var multiplications: Int64 = 0
    let shares = indices.map { index in
      let x = Mersenne127(UInt64(index))
      let values = polynomials.map { coefficients in
        guard var y = coefficients.last else { return Mersenne127.zero }
        for coefficient in coefficients.dropLast().reversed() {
          y = y * x + coefficient
        }
        return y
      }
      multiplications += Int64(polynomials.reduce(0) { $0 + max($1.count - 1, 0) })
      return Share(uncheckedIndex: index, values: values)
    }
    work.limbMultiplications += multiplications * Mersenne127.limbProductsPerMultiplication
    return shares
  }

  /// The secret behind `shares`, by Lagrange interpolation at 0 from the first `threshold`
  /// of them (any t shares of one split give the same secret). Every share given is checked.
  /// Adds the interpolation's work to `work`.
  /// - Throws: `SecretSharingError.tooFewShares` when fewer than `threshold` shares are given,
  ///   `.duplicateShareIndex` when two shares have the same index, `.inconsistentShareLengths`
  ///   when shares hold different numbers of values.
  /// - Precondition: `threshold >= 1`.
  /// - Complexity: O(t² + t·|secret|) field multiplications and one inversion.
  public static func reconstruct(_ shares: [Share], threshold: Int, work: inout Work)
    throws(SecretSharingError) -> [Mersenne127]
  {
    precondition(threshold >= 1, "Shamir.reconstruct: threshold \(threshold) < 1")
    guard shares.count >= threshold else {
      throw .tooFewShares(given: shares.count, threshold: threshold)
    }
    try checkConsistency(shares)
    let used = Array(shares.prefix(threshold))
    let coefficients = lagrangeCoefficientsAtZero(
      used.map { Mersenne127(UInt64($0.index)) }, work: &work)
    let length = used[0].values.count
    var secret = [Mersenne127](repeating: .zero, count: length)
    for (share, coefficient) in zip(used, coefficients) {
      for position in 0..<length {
        secret[position] += coefficient * share.values[position]
      }
    }
    work.limbMultiplications +=
      Int64(threshold * length) * Mersenne127.limbProductsPerMultiplication
    return secret
  }

  /// λᵢ = Π_{j≠i} xⱼ/(xⱼ − xᵢ) for distinct nonzero xᵢ, with the denominators inverted
  /// together (Montgomery's batch-inversion trick: one inversion, 3(t − 1) products).
  static func lagrangeCoefficientsAtZero(_ xs: [Mersenne127], work: inout Work) -> [Mersenne127] {
    let count = xs.count
    var numerators: [Mersenne127] = []
    var denominators: [Mersenne127] = []
    for i in 0..<count {
      var numerator = Mersenne127.one
      var denominator = Mersenne127.one
      for j in 0..<count where j != i {
        numerator *= xs[j]
        denominator *= xs[j] - xs[i]
      }
      numerators.append(numerator)
      denominators.append(denominator)
    }
    // prefix[i] = d₀···dᵢ; invert the whole product once, then peel the factors off.
    var prefix = denominators
    for i in stride(from: 1, to: count, by: 1) { prefix[i] = prefix[i - 1] * denominators[i] }
    guard var inverse = prefix[count - 1].inverse() else {
      preconditionFailure("Shamir: a Lagrange denominator is zero for distinct share indices")
    }
    var coefficients = [Mersenne127](repeating: .zero, count: count)
    for i in stride(from: count - 1, through: 0, by: -1) {
      let denominatorInverse = i == 0 ? inverse : inverse * prefix[i - 1]
      coefficients[i] = numerators[i] * denominatorInverse
      if i > 0 { inverse *= denominators[i] }
    }
    // 2(t − 1) per coefficient, t − 1 prefix products, 2 per peeled factor but the last, 1 for
    // it, and the inversion.
    let multiplications =
      Int64(2 * count * (count - 1)) + Int64(4 * count - 3)
      + Mersenne127.multiplicationsPerInversion
    work.limbMultiplications += multiplications * Mersenne127.limbProductsPerMultiplication
    return coefficients
  }

  // MARK: - Validation

  /// Distinct indices and equal lengths across all of `shares` (indices are checked in range
  /// by `Share`'s initialisers).
  static func checkConsistency(_ shares: [Share]) throws(SecretSharingError) {
    guard let first = shares.first else { return }
    var seen = Set<Int>()
    for (position, share) in shares.enumerated() {
      guard seen.insert(share.index).inserted else { throw .duplicateShareIndex(share.index) }
      guard share.values.count == first.values.count else {
        throw .inconsistentShareLengths(
          position: position, count: share.values.count, expected: first.values.count)
      }
    }
  }
}
