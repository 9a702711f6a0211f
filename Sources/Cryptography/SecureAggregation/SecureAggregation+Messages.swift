// The messages of the four rounds, with their exact wire sizes. Every integer field (client
// index, count) is 4 bytes big-endian; keys are 32 bytes; values are 4 bytes big-endian.

extension SecureAggregation {
  /// Round 1, client → server: client u's two X25519 public keys. 4 + 32 + 32 = 68 bytes.
  public struct AdvertisedKeys: Hashable, Sendable {
    /// The sender's index u.
    public let client: Int
    /// c_u^PK: shares sent to u are encrypted under KA(c_v^SK, c_u^PK).
    public let cipherPublicKey: X25519.PublicKey
    /// s_u^PK: the pairwise masks of u are seeded by KA(s_v^SK, s_u^PK).
    public let maskPublicKey: X25519.PublicKey

    /// The size on the wire: 68 bytes.
    public static let encodedByteCount = 4 + 2 * X25519.publicKeyByteCount
    /// The size on the wire: 68 bytes.
    public var encodedByteCount: Int { Self.encodedByteCount }

    /// Index, cipher public key, mask public key.
    public func encode() -> [UInt8] {
      var bytes = SecureAggregation.bigEndian32(client)
      bytes += cipherPublicKey.rawRepresentation
      bytes += maskPublicKey.rawRepresentation
      return bytes
    }
  }

  /// Round 1, server → every client in U1: the advertised keys, sorted by client index.
  /// 4 + 68·|U1| bytes.
  public struct KeyRoster: Hashable, Sendable {
    /// One entry per client in U1, in increasing index order.
    public let entries: [AdvertisedKeys]

    /// The indices of U1, increasing.
    public var clients: [Int] { entries.map(\.client) }

    /// The entry of `client`, if it advertised keys.
    public func keys(of client: Int) -> AdvertisedKeys? {
      entries.first { $0.client == client }
    }

    /// The size on the wire: a 4-byte count, then the entries.
    public var encodedByteCount: Int { 4 + entries.count * AdvertisedKeys.encodedByteCount }

    /// Count, then each entry's encoding.
    public func encode() -> [UInt8] {
      entries.reduce(SecureAggregation.bigEndian32(entries.count)) { $0 + $1.encode() }
    }
  }

  /// Round 2, client u → server → client v: u's Shamir shares of s_u^SK and b_u at v's
  /// x-coordinate, encrypted for v. The plaintext (108 bytes: u, v, then the two 50-byte
  /// shares) is encrypted with ChaCha20 and authenticated with a 32-byte HMAC-SHA-256 tag:
  /// 4 + 4 + 108 + 32 = 148 bytes on the wire.
  public struct EncryptedShares: Hashable, Sendable {
    /// The sender u.
    public let sender: Int
    /// The recipient v.
    public let recipient: Int
    /// ChaCha20(plaintext) ‖ HMAC tag: `ciphertextByteCount` bytes.
    public let ciphertext: [UInt8]

    /// Plaintext bytes: sender, recipient, and two encoded shares of a 32-byte secret.
    static let plaintextByteCount = 8 + 2 * Shamir.Share.encodedByteCount(valueCount: 3)
    /// Ciphertext bytes: the plaintext's length plus the 32-byte tag.
    public static let ciphertextByteCount = plaintextByteCount + 32
    /// The size on the wire: 148 bytes.
    public static let encodedByteCount = 8 + ciphertextByteCount
    /// The size on the wire: 148 bytes.
    public var encodedByteCount: Int { Self.encodedByteCount }

    /// Sender, recipient, ciphertext.
    public func encode() -> [UInt8] {
      SecureAggregation.bigEndian32(sender) + SecureAggregation.bigEndian32(recipient) + ciphertext
    }
  }

  /// Round 3, client → server: the masked input y_u. 4 + 4·L bytes.
  public struct MaskedInput: Hashable, Sendable {
    /// The sender u.
    public let client: Int
    /// y_u over Z_{2³²}.
    public let values: [UInt32]

    /// The size on the wire: index, then 4 bytes per value.
    public var encodedByteCount: Int { 4 + 4 * values.count }

    /// Index, then each value big-endian.
    public func encode() -> [UInt8] {
      values.reduce(into: SecureAggregation.bigEndian32(client)) {
        $0 += SecureAggregation.bigEndian32(Int($1))
      }
    }
  }

  /// Round 3, server → every client in U3: who sent a masked input. 4 + 4·|U3| bytes.
  public struct SurvivorList: Hashable, Sendable {
    /// The indices of U3, increasing.
    public let clients: [Int]

    /// The list of `clients`, sorted.
    public init(clients: [Int]) { self.clients = clients.sorted() }

    /// The size on the wire: a count, then the indices.
    public var encodedByteCount: Int { 4 + 4 * clients.count }

    /// Count, then each index.
    public func encode() -> [UInt8] {
      clients.reduce(into: SecureAggregation.bigEndian32(clients.count)) {
        $0 += SecureAggregation.bigEndian32($1)
      }
    }
  }

  /// Round 4, client v → server: v's shares of b_u for every u in U3 (its own included, so
  /// that t replies are enough to rebuild every b_u) and of s_u^SK for every u in U2 \ U3.
  /// 4 + 4 + 4 + 54·(entries) bytes, each entry the owner u (4 bytes) and the 50-byte share.
  public struct UnmaskingShares: Hashable, Sendable {
    /// The sender v.
    public let client: Int
    /// (u, v's share of b_u) for u in U3, increasing u.
    public let seedShares: [OwnedShare]
    /// (u, v's share of s_u^SK) for u in U2 \ U3, increasing u.
    public let keyShares: [OwnedShare]

    /// The size on the wire.
    public var encodedByteCount: Int {
      12 + (seedShares.count + keyShares.count) * OwnedShare.encodedByteCount
    }

    /// Sender, the two counts, then the seed shares and the key shares.
    public func encode() -> [UInt8] {
      var bytes =
        SecureAggregation.bigEndian32(client) + SecureAggregation.bigEndian32(seedShares.count)
        + SecureAggregation.bigEndian32(keyShares.count)
      for entry in seedShares + keyShares { bytes += entry.encode() }
      return bytes
    }
  }

  /// A share of client `owner`'s secret held by another client.
  public struct OwnedShare: Hashable, Sendable {
    /// The client whose secret this is a share of.
    public let owner: Int
    /// The share (at the holder's x-coordinate).
    public let share: Shamir.Share

    /// The size on the wire: 4 + 50 bytes.
    public static let encodedByteCount = 4 + Shamir.Share.encodedByteCount(valueCount: 3)

    /// Owner, then the share.
    public func encode() -> [UInt8] { SecureAggregation.bigEndian32(owner) + share.encode() }
  }
}

extension SecureAggregation {
  /// `value` (0 ≤ value < 2³²) as 4 big-endian bytes.
  static func bigEndian32(_ value: Int) -> [UInt8] {
    precondition(
      (0...Int(UInt32.max)).contains(value), "SecureAggregation: \(value) does not fit 4 bytes")
    return [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
  }
}
