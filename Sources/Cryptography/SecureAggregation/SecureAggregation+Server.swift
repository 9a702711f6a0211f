import SimCore

extension SecureAggregation {
  /// The round-2 messages sorted by recipient: `inbox(for:)` is what the server forwards to
  /// each client; `senders` is U2.
  public struct ShareRouting: Sendable {
    /// U2: the clients whose shares arrived, increasing.
    public let senders: [Int]
    /// inboxes[v]: the shares addressed to v, by increasing sender.
    private let inboxes: [[EncryptedShares]]

    init(senders: [Int], inboxes: [[EncryptedShares]]) {
      self.senders = senders
      self.inboxes = inboxes
    }

    /// The shares addressed to `client`, by increasing sender (empty for an unknown client).
    public func inbox(for client: Int) -> [EncryptedShares] {
      inboxes.indices.contains(client) ? inboxes[client] : []
    }

    /// The bytes the server sends `client`: its inbox's encodings.
    public func inboxByteCount(for client: Int) -> Int {
      inbox(for: client).count * EncryptedShares.encodedByteCount
    }
  }

  /// Server, round 1: the roster U1 from the advertised keys that arrived, sorted by index.
  /// Key handling is free (no `Work`).
  /// - Throws: `.unknownClient`, `.duplicateMessage`, or `.tooFewSurvivors` when fewer than t
  ///   clients advertised keys.
  public static func collectKeys(_ messages: [AdvertisedKeys], configuration: Configuration)
    throws(SecureAggregationError) -> KeyRoster
  {
    let sorted = messages.sorted { $0.client < $1.client }
    for (position, message) in sorted.enumerated() {
      try configuration.checkClient(message.client)
      if position > 0 && sorted[position - 1].client == message.client {
        throw .duplicateMessage(round: 1, client: message.client)
      }
    }
    guard sorted.count >= configuration.threshold else {
      throw .tooFewSurvivors(round: 1, count: sorted.count, threshold: configuration.threshold)
    }
    return KeyRoster(entries: sorted)
  }

  /// Server, round 2: routes the encrypted shares that arrived (each client's batch, in any
  /// order) to their recipients. A client counts in U2 when its batch arrived, whole: the
  /// simulator drops a client's batch entirely or not at all.
  /// - Throws: `.unknownClient` for a sender or recipient outside the roster,
  ///   `.duplicateMessage` for two messages with one sender and recipient, `.tooFewSurvivors`
  ///   when fewer than t clients sent shares.
  public static func routeShares(
    _ messages: [EncryptedShares], roster: KeyRoster, configuration: Configuration
  ) throws(SecureAggregationError) -> ShareRouting {
    let members = Set(roster.clients)
    var inboxes = [[EncryptedShares]](repeating: [], count: configuration.clientCount)
    var senders: [Int] = []
    for message in messages.sorted(by: { ($0.sender, $0.recipient) < ($1.sender, $1.recipient) }) {
      guard members.contains(message.sender) else { throw .unknownClient(message.sender) }
      guard members.contains(message.recipient) else { throw .unknownClient(message.recipient) }
      if inboxes[message.recipient].last?.sender == message.sender {
        throw .duplicateMessage(round: 2, client: message.sender)
      }
      inboxes[message.recipient].append(message)
      if senders.last != message.sender { senders.append(message.sender) }
    }
    guard senders.count >= configuration.threshold else {
      throw .tooFewSurvivors(round: 2, count: senders.count, threshold: configuration.threshold)
    }
    return ShareRouting(senders: senders, inboxes: inboxes)
  }

  /// Server, round 3: U3, the senders of the masked inputs that arrived, to broadcast.
  /// - Throws: `.missingMessage` for a sender outside U2 (it sent no shares, so nobody could
  ///   unmask it), `.duplicateMessage`, `.vectorLengthMismatch`, or `.tooFewSurvivors` when
  ///   fewer than t inputs arrived.
  public static func collectMaskedInputs(
    _ inputs: [MaskedInput], routing: ShareRouting, configuration: Configuration
  ) throws(SecureAggregationError) -> SurvivorList {
    let shareSenders = Set(routing.senders)
    var seen = Set<Int>()
    for input in inputs {
      guard shareSenders.contains(input.client) else {
        throw .missingMessage(round: 2, client: input.client)
      }
      guard seen.insert(input.client).inserted else {
        throw .duplicateMessage(round: 3, client: input.client)
      }
      guard input.values.count == configuration.vectorLength else {
        throw .vectorLengthMismatch(
          client: input.client, count: input.values.count, expected: configuration.vectorLength)
      }
    }
    guard inputs.count >= configuration.threshold else {
      throw .tooFewSurvivors(round: 3, count: inputs.count, threshold: configuration.threshold)
    }
    return SurvivorList(clients: inputs.map(\.client))
  }

  /// Server, round 4: the sum over Z_{2³²} of the inputs of U3. Adds the masked vectors;
  /// rebuilds each survivor's b_u from t seed shares and subtracts PRG(b_u); rebuilds each
  /// dropped client's s_u^SK from t key shares (checking it against the advertised public
  /// key, one curve multiplication) and removes the pairwise masks PRG(s_{u,v}) it left in
  /// each survivor v's vector. Adds the reconstructions, agreements and mask expansions to
  /// `work`.
  /// - Throws: `.tooFewSurvivors` when fewer than t clients replied, `.missingMessage` for a
  ///   reply from outside U3, `.duplicateMessage`, `.tooFewShares` when fewer than t shares of
  ///   some secret arrived, `.reconstructedKeyMismatch` when the shares of a key disagree.
  public static func aggregate(
    maskedInputs: [MaskedInput], unmaskingShares: [UnmaskingShares], roster: KeyRoster,
    routing: ShareRouting, configuration: Configuration, work: inout Work
  ) throws(SecureAggregationError) -> [UInt32] {
    let threshold = configuration.threshold
    let survivors = try collectMaskedInputs(
      maskedInputs, routing: routing, configuration: configuration
    ).clients
    let survivorSet = Set(survivors)
    let replies = unmaskingShares.sorted { $0.client < $1.client }
    for (position, reply) in replies.enumerated() {
      guard survivorSet.contains(reply.client) else {
        throw .missingMessage(round: 3, client: reply.client)
      }
      if position > 0 && replies[position - 1].client == reply.client {
        throw .duplicateMessage(round: 4, client: reply.client)
      }
    }
    guard replies.count >= threshold else {
      throw .tooFewSurvivors(round: 4, count: replies.count, threshold: threshold)
    }

    var sum = [UInt32](repeating: 0, count: configuration.vectorLength)
    for input in maskedInputs.sorted(by: { $0.client < $1.client }) {
      accumulate(input.values, into: &sum, adding: true)
    }
    // Self masks of the survivors.
    for owner in survivors {
      let shares = replies.flatMap { $0.seedShares.filter { $0.owner == owner }.map(\.share) }
      let seed = try reconstructSecret(of: owner, from: shares, threshold: threshold, work: &work)
      accumulate(
        expandMask(seed: seed, count: configuration.vectorLength, work: &work), into: &sum,
        adding: false)
    }
    // Pairwise masks the dropped clients of U2 left in the survivors' vectors.
    for owner in routing.senders where !survivorSet.contains(owner) {
      let shares = replies.flatMap { $0.keyShares.filter { $0.owner == owner }.map(\.share) }
      let keyBytes = try reconstructSecret(
        of: owner, from: shares, threshold: threshold, work: &work)
      guard let advertised = roster.keys(of: owner),
        let maskKey = try? X25519.PrivateKey(rawRepresentation: keyBytes, work: &work),
        maskKey.publicKey == advertised.maskPublicKey
      else { throw .reconstructedKeyMismatch(client: owner) }
      for survivor in survivors {
        guard let survivorKeys = roster.keys(of: survivor) else {
          throw .missingMessage(round: 1, client: survivor)
        }
        let seed = try pairwiseSeed(
          maskKey, survivorKeys.maskPublicKey, peer: survivor, work: &work)
        // The survivor added PRG(s) when the dropped client's index is above its own.
        accumulate(
          expandMask(seed: seed, count: configuration.vectorLength, work: &work), into: &sum,
          adding: owner < survivor)
      }
    }
    return sum
  }

  /// A 32-byte secret of `owner` from at least t shares.
  private static func reconstructSecret(
    of owner: Int, from shares: [Shamir.Share], threshold: Int, work: inout Work
  ) throws(SecureAggregationError) -> [UInt8] {
    guard shares.count >= threshold else {
      throw .tooFewShares(client: owner, count: shares.count, threshold: threshold)
    }
    do {
      return try Shamir.reconstructBytes(
        shares, threshold: threshold, byteCount: secretByteCount, work: &work)
    } catch {
      throw .reconstructedKeyMismatch(client: owner)
    }
  }
}
