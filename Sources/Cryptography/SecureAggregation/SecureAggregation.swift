/// The semi-honest core of practical secure aggregation (Bonawitz et al., "Practical secure
/// aggregation for privacy-preserving machine learning", ACM CCS 2017, §4 and Figure 4): the
/// server learns the sum of the clients' vectors over Z_{2³²} and nothing else, even when up to
/// n − t clients drop out mid-round.
///
/// **Rounds,** each a pure function of the messages it receives, returning the messages to
/// send, their exact sizes (`encodedByteCount`) and the `Work` done, so the simulator can move
/// them as network flows and charge the computation:
/// 1. *Advertise keys* (`ClientState.start`): client u makes two X25519 key pairs, c_u for
///    encrypting shares and s_u for masks, and sends both public keys. The server collects them
///    (`collectKeys`) into a `KeyRoster` (U1) and broadcasts it.
/// 2. *Share keys* (`ClientState.shareKeys`): u draws a 32-byte self-mask seed b_u, splits b_u
///    and its mask private key s_u^SK into t-of-|U1| Shamir shares (`Shamir`, at x = index + 1),
///    and sends each other client v its two shares encrypted under KA(c_u, c_v) (ChaCha20 with
///    HMAC-SHA-256, encrypt-then-MAC). The server routes them (`routeShares`); the senders are
///    U2.
/// 3. *Masked input* (`ClientState.maskInput`): u sends y_u = x_u + PRG(b_u) +
///    Σ_{v∈U2, v>u} PRG(s_{u,v}) − Σ_{v∈U2, v<u} PRG(s_{u,v}) mod 2³², with s_{u,v} =
///    SHA-256(KA(s_u, s_v)) seeding a `ChaCha20Generator`. Pairwise masks cancel in the sum;
///    the senders are U3, and the server broadcasts them as a `SurvivorList`.
/// 4. *Unmasking* (`ClientState.unmask`): each surviving v decrypts the shares it holds and
///    returns b-shares for clients in U3 and s^SK-shares for clients in U2 \ U3, never both
///    for one client. The server (`aggregate`) reconstructs each b_u to strip the self masks,
///    and each dropped client's s_u^SK to strip the pairwise masks it left in the survivors'
///    vectors.
///
/// The result is the sum of the inputs of U3, the clients whose masked vectors reached the
/// server: a client that drops before sending y_u is left out; one that drops after sending
/// it is counted (its b_u is rebuilt from the others' shares). Fewer than t clients in any
/// round is `SecureAggregationError.tooFewSurvivors`. The consistency check of the actively
/// secure variant (round 3 of Figure 4, with signatures) is not implemented.
///
/// **Keys and randomness** come from the caller's generators (the simulator's seeded
/// streams): keys, seeds and masks are reproducible, not secret.
public enum SecureAggregation {
  /// The fixed parameters of one aggregation: n clients indexed 0..<n, threshold t, and the
  /// length of the vectors over Z_{2³²}.
  public struct Configuration: Sendable, Equatable {
    /// n: the clients that may take part, indexed 0..<n.
    public let clientCount: Int
    /// t: the shares needed to reconstruct a secret, and the fewest clients that may remain.
    public let threshold: Int
    /// L: the number of UInt32 values in every input vector.
    public let vectorLength: Int

    /// A configuration; Bonawitz et al. recommend t > n/2 (so the server cannot collect both
    /// kinds of share for one client even with colluding clients; §6).
    /// - Throws: `SecureAggregationError.invalidConfiguration` unless 2 ≤ n ≤ 65,535,
    ///   2 ≤ t ≤ n and L ≥ 0.
    public init(clientCount: Int, threshold: Int, vectorLength: Int)
      throws(SecureAggregationError)
    {
      guard (2...Shamir.maximumShareCount).contains(clientCount) else {
        throw .invalidConfiguration(field: "clientCount", value: clientCount, accepted: "2...65535")
      }
      guard (2...clientCount).contains(threshold) else {
        throw .invalidConfiguration(
          field: "threshold", value: threshold, accepted: "2...\(clientCount)")
      }
      guard vectorLength >= 0 else {
        throw .invalidConfiguration(field: "vectorLength", value: vectorLength, accepted: "≥ 0")
      }
      self.clientCount = clientCount
      self.threshold = threshold
      self.vectorLength = vectorLength
    }

    func checkClient(_ index: Int) throws(SecureAggregationError) {
      guard (0..<clientCount).contains(index) else { throw .unknownClient(index) }
    }
  }
}
