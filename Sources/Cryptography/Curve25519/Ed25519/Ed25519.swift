import SimCore

/// Ed25519 signatures: PureEdDSA over edwards25519 with SHA-512 (RFC 8032 §5.1).
///
/// ```swift
/// var generator = streams.make(.cryptographicKeys, index: node.index)
/// var work = Work.zero
/// let key = Ed25519.PrivateKey(using: &generator, work: &work)
/// let signature = key.signature(for: blockHeader, work: &work)           // 64 bytes
/// let isValid = key.publicKey.isValidSignature(signature, for: blockHeader, work: &work)
/// ```
///
/// **Work.** Every operation that does curve arithmetic or hashing has a form taking
/// `work: inout Work`, to which it adds what it did (the same convention as `X25519` and
/// `SHA512.hash(_:work:)`): key generation 1 curve scalar multiplication and the SHA-512 of the
/// 32-byte seed; signing 1 scalar multiplication and two SHA-512 calls over 32 + n and 64 + n
/// bytes for an n-byte message; verification 2 scalar multiplications and one SHA-512 over
/// 64 + n bytes. `bytesHashed` counts padded blocks, as `SHA512` reports it. Decoding a public
/// key (a square root) is not charged. The forms without `work:` are conveniences for tests and
/// tools; simulator code uses the `work:` forms.
///
/// **Verification** uses the cofactorless equation [S]B = R + [k]A of RFC 8032 §5.1.7, rejects
/// S ≥ ℓ, and rejects every non-canonical encoding of A (when the public key is decoded) and of R
/// (R is compared byte for byte with the encoding of [S]B − [k]A, which is always canonical).
///
/// **Keys are reproducible, not secret.** Keys drawn with `init(using:)` come from the
/// simulator's seeded generators, so anyone with the scenario's seed can recompute them. The
/// arithmetic is real and runs in constant structure on secret scalars, but these keys exist for
/// faithful sizes, costs and behaviour, not confidentiality.
public enum Ed25519 {
  /// Size of a private key's seed, in bytes.
  public static let seedByteCount = 32
  /// Size of an encoded public key (a compressed point), in bytes.
  public static let publicKeyByteCount = 32
  /// Size of a signature (R ‖ S), in bytes.
  public static let signatureByteCount = 64
}
