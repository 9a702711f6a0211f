// Probabilistic primality (Miller–Rabin) and seeded prime generation.

/// The odd primes below 1000, by the sieve of Eratosthenes: trial divisors before Miller–Rabin.
private let smallOddPrimes: [UInt64] = {
  var isComposite = [Bool](repeating: false, count: 1000)
  var primes: [UInt64] = []
  for candidate in 3..<1000 where candidate % 2 == 1 && !isComposite[candidate] {
    primes.append(UInt64(candidate))
    for multiple in stride(from: candidate * candidate, to: 1000, by: 2 * candidate) {
      isComposite[multiple] = true
    }
  }
  return primes
}()

/// The small primes grouped so each group's product fits in 64 bits: one multi-limb division
/// per group instead of one per prime.
private let smallPrimeGroups: [(product: UInt64, primes: [UInt64])] = {
  var groups: [(product: UInt64, primes: [UInt64])] = []
  var product: UInt64 = 1
  var members: [UInt64] = []
  for prime in smallOddPrimes {
    let (next, overflow) = product.multipliedReportingOverflow(by: prime)
    if overflow {
      groups.append((product, members))
      product = prime
      members = [prime]
    } else {
      product = next
      members.append(prime)
    }
  }
  if !members.isEmpty { groups.append((product, members)) }
  return groups
}()

/// The first twelve primes: Miller–Rabin to all of them is deterministic below 3.18·10²³.
private let fixedWitnessBases: [BigUInt] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]

extension BigUInt {
  /// True when the value is probably prime: trial division by the odd primes below 1000, then
  /// `rounds` Miller–Rabin rounds with bases drawn uniformly from `2..<self−1` (Rabin, J. Number
  /// Theory 12, 1980; FIPS 186-5 Appendix B.3.1). A prime always passes; a composite passes one
  /// round with probability at most 1/4.
  /// - Precondition: `rounds >= 1`.
  /// - Complexity: O(rounds · b · k²) for a b-bit, k-limb value.
  public func isProbablePrime(rounds: Int, using generator: inout some RandomNumberGenerator)
    -> Bool
  {
    var ignored: Int64 = 0
    return isProbablePrime(rounds: rounds, using: &generator, limbProducts: &ignored)
  }

  /// The probable-prime test, adding the limb products performed to `limbProducts`.
  /// - Precondition: `rounds >= 1`.
  public func isProbablePrime(
    rounds: Int, using generator: inout some RandomNumberGenerator, limbProducts: inout Int64
  ) -> Bool {
    precondition(rounds >= 1, "BigUInt.isProbablePrime needs at least one round, got \(rounds)")
    if let small = UInt64(exactly: self), small < 1000 {
      return small == 2 || smallOddPrimes.contains(small)
    }
    if isEven || hasSmallFactor() { return false }
    let context = MontgomeryContext(modulus: self, limbProducts: &limbProducts)
    let witnessRange = BigUInt(2)..<(self - .one)
    for _ in 0..<rounds {
      let base = BigUInt.random(in: witnessRange, using: &generator)
      if !context.isStrongProbablePrime(base: base, limbProducts: &limbProducts) { return false }
    }
    return true
  }

  /// True when the odd value `self > 3` is a strong probable prime to `base`: one Miller–Rabin
  /// round with a chosen base (every prime passes; 2047 = 23·89 is the least composite passing
  /// base 2).
  /// - Precondition: the value is odd and above 3, and `base` is in `2..<self−1`.
  /// - Complexity: O(b · k²).
  public func isStrongProbablePrime(base: BigUInt) -> Bool {
    precondition(isOdd && self > 3, "Miller–Rabin needs an odd value above 3, got \(self)")
    precondition(
      base >= 2 && base < self - .one, "Miller–Rabin base \(base) is outside 2..<\(self - .one)")
    var ignored: Int64 = 0
    return MontgomeryContext(modulus: self).isStrongProbablePrime(
      base: base, limbProducts: &ignored)
  }

  /// True when the value is prime by a deterministic test, for validating primes given as
  /// input: trial division below 2³², above it strong-probable-prime tests to the twelve bases
  /// 2, 3, 5, …, 37 over one `MontgomeryContext`. This decides primality below 3.18·10²³
  /// (Sorenson and Webster, Math. Comp. 86, 2017) and is a strong fixed-base test above. Adds
  /// the limb products of the tests to `limbProducts`.
  /// - Complexity: O(√value) divisions below 2³²; above, up to twelve exponentiations,
  ///   O(12 · b · k²) for a b-bit, k-limb value.
  public func isPrimeToFixedBases(limbProducts: inout Int64) -> Bool {
    if let small = UInt64(exactly: self), small < 1 << 32 {
      if small < 4 { return small >= 2 }
      if small % 2 == 0 { return false }
      var divisor: UInt64 = 3
      while divisor * divisor <= small {
        if small % divisor == 0 { return false }
        divisor += 2
      }
      return true
    }
    if isEven { return false }
    let context = MontgomeryContext(modulus: self, limbProducts: &limbProducts)
    return fixedWitnessBases.allSatisfy {
      context.isStrongProbablePrime(base: $0, limbProducts: &limbProducts)
    }
  }

  /// True when a trial divisor below 1000 divides the value (and the value is not that prime).
  func hasSmallFactor() -> Bool {
    limbs.withUnsafeBufferPointer { limbs in
      for group in smallPrimeGroups {
        var remainder: UInt64 = 0
        var index = limbs.count - 1
        while index >= 0 {
          remainder = group.product.dividingFullWidth((remainder, limbs[index])).remainder
          index -= 1
        }
        for prime in group.primes where remainder % prime == 0 { return true }
      }
      return false
    }
  }

  /// A random prime of exactly `bits` bits whose two top bits are set, so the product of two such
  /// primes has exactly `2·bits` bits (as an RSA or Paillier modulus should).
  ///
  /// Draws odd candidates from `generator` until one passes trial division and Miller–Rabin, with
  /// the round counts of FIPS 186-5 Table B.1 for p and q (5 rounds from 1024 bits, 4 from 1536
  /// bits) and 40 rounds below 1024 bits (error at most 4⁻⁴⁰ = 2⁻⁸⁰ for any candidate).
  /// Reproducible from the generator's seed; not secret.
  /// - Precondition: `bits >= 2`.
  /// - Complexity: about `bits · ln 2 / 2` candidates, each costing one trial division and at most
  ///   one modular exponentiation of `bits` bits.
  public static func randomPrime(bits: Int, using generator: inout some RandomNumberGenerator)
    -> BigUInt
  {
    var ignored: Int64 = 0
    return randomPrime(bits: bits, using: &generator, limbProducts: &ignored)
  }

  /// A random `bits`-bit prime, adding the limb products of all candidates' tests to
  /// `limbProducts`.
  /// - Precondition: `bits >= 2`.
  public static func randomPrime(
    bits: Int, using generator: inout some RandomNumberGenerator, limbProducts: inout Int64
  ) -> BigUInt {
    precondition(bits >= 2, "BigUInt.randomPrime needs at least 2 bits, got \(bits)")
    let rounds = bits >= 1536 ? 4 : (bits >= 1024 ? 5 : 40)
    while true {
      var candidate = random(bits: bits, using: &generator)
      candidate.setBit(bits - 1)
      candidate.setBit(bits - 2)
      candidate.setBit(0)
      if candidate.isProbablePrime(rounds: rounds, using: &generator, limbProducts: &limbProducts) {
        return candidate
      }
    }
  }
}
