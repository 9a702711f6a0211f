/// The Paillier cryptosystem (Paillier, "Public-key cryptosystems based on composite degree
/// residuosity classes", EUROCRYPT 1999) with g = n + 1: additively homomorphic public-key
/// encryption over plaintexts in Z_n, ciphertexts in Z*_{n²}.
///
/// ```swift
/// var keys = streams.make(.cryptographicKeys, index: 0)
/// var work = Work.zero
/// let privateKey = Paillier.PrivateKey(bits: 2048, using: &keys, work: &work)
/// let publicKey = privateKey.publicKey
/// let a = publicKey.encrypt(20, using: &keys, work: &work)
/// let b = publicKey.encrypt(22, using: &keys, work: &work)
/// let sum = publicKey.add(a, b, work: &work)
/// privateKey.decrypt(sum, work: &work)  // 42
/// ```
///
/// **The scheme.** Encryption of m ∈ Z_n is c = (1 + n)^m · rⁿ mod n² = (1 + m·n) · rⁿ mod n²
/// for a random r ∈ Z*_n; the product of two ciphertexts encrypts the sum of their plaintexts,
/// and cᵏ encrypts k·m. Decryption uses the Chinese remainder theorem (Paillier 1999 §7, and
/// the h_p, h_q form python-paillier uses): m_p = L_p(c^(p−1) mod p²)·h_p mod p with
/// L_p(x) = (x − 1)/p, likewise for q, then one recombination modulo n.
///
/// **What this module offers around it.**
/// - `PublicKey`, `PrivateKey`, `Ciphertext`: keys (seeded generation or given primes), every
///   homomorphic operation, exact encodings (`PublicKey.ciphertextByteCount` bytes per
///   ciphertext), decimal-string interop with python-paillier.
/// - `FixedBaseRandomizer`: rⁿ replaced by hᵅ for a fixed per-key h = xⁿ, evaluated with a
///   fixed-base comb, about 3× faster than rⁿ; its documentation states the security argument.
/// - `EncryptionRandomness`: a pool of randomizers computed ahead (offline), so that online
///   encryption is one modular multiplication.
/// - `FixedPointEncoding`: signed reals as plaintexts with a fixed number of fraction bits.
/// - `Packing`: BatchCrypt-style batching (Zhang et al., USENIX ATC 2020) of many quantised
///   values into one plaintext, and `PackedCiphertext` for encrypting and adding whole vectors.
///
/// **Work.** Every operation has a form taking `work: inout Work`, to which it adds the 64-bit
/// limb products BigNum counted (`limbMultiplications`): exponentiations through the key's
/// cached contexts (a `MontgomeryContext` for n², `SquaredModulusContext`s for p² and q², and
/// one for n² in each `FixedBaseRandomizer`), products and reductions through
/// BigNum's counting twins. Linear-time steps (additions, comparisons) are not counted. The
/// forms without `work:` are for tests and tools.
///
/// **Keys are reproducible, not secret.** Keys and nonces are drawn from the caller's
/// generator, which in the simulator is a seeded stream: anyone with the scenario's seed can
/// recompute every key. The arithmetic is the real scheme, so sizes, costs and homomorphic
/// behaviour are faithful; confidentiality is not the point.
public enum Paillier {}
