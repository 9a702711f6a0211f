import SimCore

extension SecureAggregation {
  /// One client's private state between rounds: its keys, its self-mask seed, its own shares,
  /// and what it received. Each round is a method returning the next state and the messages to
  /// send; the state is a value, so the simulator keeps it in an array indexed by client.
  ///
  /// ```swift
  /// var (state, advert) = SecureAggregation.ClientState.start(
  ///   client: u, configuration: config, using: &rng, work: &work)
  /// // server: roster = try SecureAggregation.collectKeys(adverts, configuration: config)
  /// let outgoing: [SecureAggregation.EncryptedShares]
  /// (state, outgoing) = try state.shareKeys(roster: roster, using: &rng, work: &work)
  /// // server: routing = try SecureAggregation.routeShares(outgoing…, configuration: config)
  /// let masked: SecureAggregation.MaskedInput
  /// (state, masked) = try state.maskInput(x, receivedShares: routing.inbox(for: u), work: &work)
  /// // server: survivors = try SecureAggregation.collectMaskedInputs(…)
  /// let reply = try state.unmask(survivors: survivors, work: &work)
  /// ```
  public struct ClientState: Sendable {
    /// The round's parameters.
    public let configuration: Configuration
    /// This client's index u.
    public let client: Int
    /// c_u: decrypts the shares sent to u, encrypts those u sends.
    let cipherKey: X25519.PrivateKey
    /// s_u: seeds u's pairwise masks; shared among the others in case u drops.
    let maskKey: X25519.PrivateKey
    /// U1's keys, from round 2 on.
    private(set) var roster: KeyRoster? = nil
    /// b_u, from round 2 on.
    private(set) var selfMaskSeed: [UInt8]? = nil
    /// u's own share of b_u (at x = u + 1), kept for round 4.
    private(set) var ownSeedShare: Shamir.Share? = nil
    /// The encrypted shares received from U2 \ {u}, by increasing sender, from round 3 on.
    private(set) var receivedShares: [EncryptedShares]? = nil

    /// Round 1: a client with two fresh X25519 key pairs drawn from `generator` (cipher key
    /// first), and the message advertising their public keys. Adds two curve multiplications
    /// to `work`.
    /// - Throws: `SecureAggregationError.unknownClient` for an index outside 0..<n.
    public static func start(
      client: Int, configuration: Configuration,
      using generator: inout some RandomNumberGenerator, work: inout Work
    ) throws(SecureAggregationError) -> (state: ClientState, message: AdvertisedKeys) {
      try configuration.checkClient(client)
      let cipherKey = X25519.PrivateKey(using: &generator, work: &work)
      let maskKey = X25519.PrivateKey(using: &generator, work: &work)
      let state = ClientState(
        configuration: configuration, client: client, cipherKey: cipherKey, maskKey: maskKey)
      let message = AdvertisedKeys(
        client: client, cipherPublicKey: cipherKey.publicKey, maskPublicKey: maskKey.publicKey)
      return (state, message)
    }

    private init(
      configuration: Configuration, client: Int, cipherKey: X25519.PrivateKey,
      maskKey: X25519.PrivateKey
    ) {
      self.configuration = configuration
      self.client = client
      self.cipherKey = cipherKey
      self.maskKey = maskKey
    }

    /// Round 2: draws b_u (32 bytes) from `generator`, splits s_u^SK and then b_u into
    /// t-of-|U1| Shamir shares at x = v + 1 for every v in the roster, and returns one
    /// `EncryptedShares` for every other client in the roster, by increasing index. Adds the
    /// splits, one agreement and one encryption per recipient to `work`.
    /// - Throws: `SecureAggregationError.missingMessage` when this client's keys are not in
    ///   the roster, `.tooFewSurvivors` when the roster is smaller than t.
    /// - Precondition: called once, after `start`.
    public func shareKeys(
      roster: KeyRoster, using generator: inout some RandomNumberGenerator, work: inout Work
    ) throws(SecureAggregationError) -> (state: ClientState, messages: [EncryptedShares]) {
      precondition(self.roster == nil, "SecureAggregation: shareKeys called twice")
      guard roster.keys(of: client) != nil else {
        throw .missingMessage(round: 1, client: client)
      }
      let holders = roster.clients
      guard holders.count >= configuration.threshold else {
        throw .tooFewSurvivors(
          round: 1, count: holders.count, threshold: configuration.threshold)
      }
      var seed: [UInt8] = []
      for _ in 0..<(secretByteCount / 8) {
        let word = generator.next()
        seed += (0..<8).map { UInt8(truncatingIfNeeded: word >> UInt64(8 * $0)) }
      }
      let keyShares = shares(
        of: maskKey.rawRepresentation, for: holders, using: &generator, work: &work)
      let seedShares = shares(of: seed, for: holders, using: &generator, work: &work)
      var messages: [EncryptedShares] = []
      var next = self
      for (position, holder) in roster.entries.enumerated() {
        if holder.client == client {
          next.ownSeedShare = seedShares[position]
          continue
        }
        messages.append(
          try sealShares(
            keyShare: keyShares[position], seedShare: seedShares[position], sender: client,
            recipient: holder.client, cipherKey: cipherKey, recipientKey: holder.cipherPublicKey,
            work: &work))
      }
      next.roster = roster
      next.selfMaskSeed = seed
      return (next, messages)
    }

    /// Shamir shares of a 32-byte secret at x = holder + 1, in `holders` order.
    private func shares(
      of secret: [UInt8], for holders: [Int], using generator: inout some RandomNumberGenerator,
      work: inout Work
    ) -> [Shamir.Share] {
      do {
        return try Shamir.split(
          bytes: secret, threshold: configuration.threshold, at: holders.map { $0 + 1 },
          using: &generator, work: &work)
      } catch {
        // The roster was checked: indices are distinct and in range, and t ≤ |U1|.
        preconditionFailure("SecureAggregation: splitting over the roster failed: \(error)")
      }
    }

    /// Round 3: the masked input y_u = x_u + PRG(b_u) + Σ_{v>u} PRG(s_{u,v}) −
    /// Σ_{v<u} PRG(s_{u,v}) over Z_{2³²}, v ranging over U2 \ {u}, the senders of
    /// `receivedShares` (the inbox the server routed to u). Adds one agreement and one mask
    /// expansion per peer, and the self mask, to `work`.
    /// - Throws: `.vectorLengthMismatch` when `input` is not L long, `.tooFewSurvivors` when
    ///   |U2| < t, `.unknownClient`, `.duplicateMessage` or `.missingMessage` for shares from
    ///   outside the roster, twice from one sender, or addressed to another client.
    /// - Precondition: called once, after `shareKeys`.
    public func maskInput(
      _ input: [UInt32], receivedShares: [EncryptedShares], work: inout Work
    ) throws(SecureAggregationError) -> (state: ClientState, message: MaskedInput) {
      guard let roster, let selfMaskSeed else {
        preconditionFailure("SecureAggregation: maskInput called before shareKeys")
      }
      precondition(self.receivedShares == nil, "SecureAggregation: maskInput called twice")
      guard input.count == configuration.vectorLength else {
        throw .vectorLengthMismatch(
          client: client, count: input.count, expected: configuration.vectorLength)
      }
      let inbox = receivedShares.sorted { $0.sender < $1.sender }
      for (position, message) in inbox.enumerated() {
        guard message.recipient == client else {
          throw .missingMessage(round: 2, client: message.sender)
        }
        guard roster.keys(of: message.sender) != nil, message.sender != client else {
          throw .unknownClient(message.sender)
        }
        if position > 0 && inbox[position - 1].sender == message.sender {
          throw .duplicateMessage(round: 2, client: message.sender)
        }
      }
      guard inbox.count + 1 >= configuration.threshold else {
        throw .tooFewSurvivors(
          round: 2, count: inbox.count + 1, threshold: configuration.threshold)
      }
      var masked = input
      accumulate(
        expandMask(seed: selfMaskSeed, count: input.count, work: &work), into: &masked,
        adding: true)
      for message in inbox {
        guard let peer = roster.keys(of: message.sender) else { continue }
        let seed = try pairwiseSeed(
          maskKey, peer.maskPublicKey, peer: message.sender, work: &work)
        accumulate(
          expandMask(seed: seed, count: input.count, work: &work), into: &masked,
          adding: message.sender > client)
      }
      var next = self
      next.receivedShares = inbox
      return (next, MaskedInput(client: client, values: masked))
    }

    /// Round 4: this client's reply to the survivor list U3: for every u in U3 (itself
    /// included) its share of b_u, for every u in U2 \ U3 its share of s_u^SK, decrypting the
    /// shares it holds. Adds one agreement and one decryption per sender to `work`.
    /// - Throws: `.tooFewSurvivors` when |U3| < t, `.missingMessage` when U3 names a client
    ///   outside U2, `.shareDecryptionFailed` for a share that fails authentication.
    /// - Precondition: called after `maskInput`.
    public func unmask(survivors: SurvivorList, work: inout Work) throws(SecureAggregationError)
      -> UnmaskingShares
    {
      guard let roster, let receivedShares, let ownSeedShare else {
        preconditionFailure("SecureAggregation: unmask called before maskInput")
      }
      guard survivors.clients.count >= configuration.threshold else {
        throw .tooFewSurvivors(
          round: 3, count: survivors.clients.count, threshold: configuration.threshold)
      }
      let survivorSet = Set(survivors.clients)
      let senders = Set(receivedShares.map(\.sender) + [client])
      if let outsider = survivors.clients.first(where: { !senders.contains($0) }) {
        throw .missingMessage(round: 2, client: outsider)
      }
      var seedShares: [OwnedShare] = []
      var keyShares: [OwnedShare] = []
      if survivorSet.contains(client) {
        seedShares.append(OwnedShare(owner: client, share: ownSeedShare))
      }
      for message in receivedShares {
        guard let senderKeys = roster.keys(of: message.sender) else { continue }
        let (keyShare, seedShare) = try openShares(
          message, cipherKey: cipherKey, senderKey: senderKeys.cipherPublicKey, work: &work)
        if survivorSet.contains(message.sender) {
          seedShares.append(OwnedShare(owner: message.sender, share: seedShare))
        } else {
          keyShares.append(OwnedShare(owner: message.sender, share: keyShare))
        }
      }
      seedShares.sort { $0.owner < $1.owner }
      return UnmaskingShares(client: client, seedShares: seedShares, keyShares: keyShares)
    }
  }
}
