import SimCore
import Testing

@testable import Cryptography

/// The four rounds of practical secure aggregation, driven as the simulator would: messages
/// are passed between pure functions, and dropped clients simply stop sending.
struct SecureAggregationTests {
  /// Where a client drops out.
  private enum Dropout {
    /// After advertising keys, before sending shares (not in U2).
    case beforeShares
    /// After sending shares, before its masked input (in U2, not U3).
    case beforeMaskedInput
    /// After sending its masked input, before unmasking (in U3, no reply).
    case beforeUnmasking
  }

  /// Everything one run produced.
  private struct Outcome {
    var sum: [UInt32]
    var inputs: [[UInt32]]
    var adverts: [SecureAggregation.AdvertisedKeys]
    var shares: [SecureAggregation.EncryptedShares]
    var masked: [SecureAggregation.MaskedInput]
    var replies: [SecureAggregation.UnmaskingShares]
    var roster: SecureAggregation.KeyRoster
    var survivors: SecureAggregation.SurvivorList
    var clientWork: [Work]
  }

  /// Runs one aggregation of `clientCount` random vectors (client u's generator seeded
  /// `seed + u`), with the given dropouts.
  private static func run(
    clientCount: Int = 5, threshold: Int = 3, length: Int = 16, seed: UInt64 = 1,
    dropouts: [Int: Dropout] = [:]
  ) throws(SecureAggregationError) -> Outcome {
    let config = try SecureAggregation.Configuration(
      clientCount: clientCount, threshold: threshold, vectorLength: length)
    var rngs = (0..<clientCount).map { Xoshiro256StarStar(seed: seed &+ UInt64($0)) }
    let inputs = (0..<clientCount).map { u in
      (0..<length).map { _ in UInt32(truncatingIfNeeded: rngs[u].next()) }
    }
    var work = [Work](repeating: .zero, count: clientCount)
    var states: [SecureAggregation.ClientState] = []
    var adverts: [SecureAggregation.AdvertisedKeys] = []
    for u in 0..<clientCount {
      let (state, advert) = try SecureAggregation.ClientState.start(
        client: u, configuration: config, using: &rngs[u], work: &work[u])
      states.append(state)
      adverts.append(advert)
    }
    let roster = try SecureAggregation.collectKeys(adverts, configuration: config)
    var shares: [SecureAggregation.EncryptedShares] = []
    for u in 0..<clientCount where dropouts[u] != .beforeShares {
      let (next, outgoing) = try states[u].shareKeys(
        roster: roster, using: &rngs[u], work: &work[u])
      states[u] = next
      shares += outgoing
    }
    let routing = try SecureAggregation.routeShares(shares, roster: roster, configuration: config)
    var masked: [SecureAggregation.MaskedInput] = []
    for u in routing.senders where dropouts[u] != .beforeMaskedInput {
      let (next, input) = try states[u].maskInput(
        inputs[u], receivedShares: routing.inbox(for: u), work: &work[u])
      states[u] = next
      masked.append(input)
    }
    let survivors = try SecureAggregation.collectMaskedInputs(
      masked, routing: routing, configuration: config)
    var replies: [SecureAggregation.UnmaskingShares] = []
    for u in survivors.clients where dropouts[u] != .beforeUnmasking {
      replies.append(try states[u].unmask(survivors: survivors, work: &work[u]))
    }
    var serverWork = Work.zero
    let sum = try SecureAggregation.aggregate(
      maskedInputs: masked, unmaskingShares: replies, roster: roster, routing: routing,
      configuration: config, work: &serverWork)
    return Outcome(
      sum: sum, inputs: inputs, adverts: adverts, shares: shares, masked: masked,
      replies: replies, roster: roster, survivors: survivors, clientWork: work)
  }

  /// The exact sum over Z_{2³²} of the inputs of `clients`.
  private static func exactSum(_ inputs: [[UInt32]], of clients: [Int]) -> [UInt32] {
    var sum = [UInt32](repeating: 0, count: inputs[0].count)
    for u in clients {
      for index in sum.indices { sum[index] &+= inputs[u][index] }
    }
    return sum
  }

  @Test func withoutDropoutsTheSumIsExactAndInputsAreMasked() throws {
    let outcome = try Self.run()
    #expect(outcome.sum == Self.exactSum(outcome.inputs, of: Array(0..<5)))
    for input in outcome.masked { #expect(input.values != outcome.inputs[input.client]) }
  }

  /// Client 2 sends its shares, then drops: its pairwise masks are rebuilt from its
  /// reconstructed key, and the aggregate is the exact sum of the four survivors' inputs.
  @Test func clientDroppingBeforeItsMaskedInputIsLeftOut() throws {
    let outcome = try Self.run(dropouts: [2: .beforeMaskedInput])
    #expect(outcome.survivors.clients == [0, 1, 3, 4])
    #expect(outcome.sum == Self.exactSum(outcome.inputs, of: [0, 1, 3, 4]))
    // Every reply holds a key share of client 2 and no seed share of it.
    for reply in outcome.replies {
      #expect(reply.keyShares.map(\.owner) == [2])
      #expect(!reply.seedShares.contains { $0.owner == 2 })
    }
  }

  /// Client 4 drops after sending its masked input: its input reached the server, so it is in
  /// the sum, with its self mask rebuilt from the others' seed shares.
  @Test func clientDroppingAfterItsMaskedInputIsCounted() throws {
    let outcome = try Self.run(dropouts: [4: .beforeUnmasking])
    #expect(outcome.replies.count == 4)
    #expect(outcome.sum == Self.exactSum(outcome.inputs, of: Array(0..<5)))
  }

  /// A client that never sent shares is outside every mask; two dropouts at different rounds.
  @Test func dropoutsAtSeveralRoundsStillAggregate() throws {
    let outcome = try Self.run(
      clientCount: 6, threshold: 3, dropouts: [0: .beforeShares, 3: .beforeMaskedInput])
    #expect(outcome.sum == Self.exactSum(outcome.inputs, of: [1, 2, 4, 5]))
  }

  /// With threshold 3, three dropouts before the masked inputs leave 2 < 3 survivors.
  @Test func fewerThanThresholdSurvivorsIsAnError() throws {
    #expect(throws: SecureAggregationError.tooFewSurvivors(round: 3, count: 2, threshold: 3)) {
      try Self.run(
        dropouts: [0: .beforeMaskedInput, 1: .beforeMaskedInput, 2: .beforeMaskedInput])
    }
    #expect(throws: SecureAggregationError.tooFewSurvivors(round: 4, count: 2, threshold: 3)) {
      try Self.run(dropouts: [0: .beforeUnmasking, 1: .beforeUnmasking, 2: .beforeUnmasking])
    }
  }

  /// The same seeds give byte-identical messages and sums; other seeds give other masks.
  @Test func runsAreDeterministicFromTheSeeds() throws {
    let first = try Self.run(seed: 7, dropouts: [1: .beforeMaskedInput])
    let second = try Self.run(seed: 7, dropouts: [1: .beforeMaskedInput])
    let third = try Self.run(seed: 8, dropouts: [1: .beforeMaskedInput])
    #expect(first.masked == second.masked && first.shares == second.shares)
    #expect(first.replies == second.replies && first.sum == second.sum)
    #expect(first.masked.map(\.values) != third.masked.map(\.values))
  }

  /// Sizes on the wire, by hand: keys 4 + 32 + 32 = 68; shares 4 + 4 + (8 + 2·50) + 32 = 148;
  /// a masked 16-vector 4 + 64 = 68; the roster 4 + 5·68 = 344; survivors 4 + 4·4 = 20; a reply
  /// with 4 seed shares and 1 key share 12 + 5·54 = 282. Every encoding has its stated size.
  @Test func messagesHaveTheirStatedSizes() throws {
    let outcome = try Self.run(dropouts: [2: .beforeMaskedInput])
    #expect(outcome.adverts.allSatisfy { $0.encodedByteCount == 68 && $0.encode().count == 68 })
    #expect(outcome.shares.allSatisfy { $0.encodedByteCount == 148 && $0.encode().count == 148 })
    #expect(outcome.masked.allSatisfy { $0.encodedByteCount == 68 && $0.encode().count == 68 })
    #expect(outcome.roster.encodedByteCount == 344 && outcome.roster.encode().count == 344)
    #expect(outcome.survivors.encodedByteCount == 20 && outcome.survivors.encode().count == 20)
    for reply in outcome.replies {
      #expect(reply.encodedByteCount == 282 && reply.encode().count == 282)
    }
  }

  /// Client 0's curve work by hand, five clients, no dropouts: 2 key pairs; 4 share
  /// encryptions; 4 mask agreements; 4 share decryptions: 14 scalar multiplications. Its
  /// masks: 5 × 16 words = 5 × 64 bytes, one ChaCha20 block each, plus 4 + 4 share
  /// encryptions and decryptions of 108 bytes (two blocks, 128 bytes each): 320 + 1,024.
  @Test func clientWorkIsCountedByHand() throws {
    let outcome = try Self.run()
    let work = outcome.clientWork[0]
    #expect(work.curveScalarMultiplications == 14)
    #expect(work.bytesCiphered == 320 + 1_024)
  }

  @Test func invalidConfigurationsAreRejected() {
    #expect(
      throws: SecureAggregationError.invalidConfiguration(
        field: "threshold", value: 1, accepted: "2...5")
    ) {
      try SecureAggregation.Configuration(clientCount: 5, threshold: 1, vectorLength: 4)
    }
    #expect(
      throws: SecureAggregationError.invalidConfiguration(
        field: "clientCount", value: 1, accepted: "2...65535")
    ) {
      try SecureAggregation.Configuration(clientCount: 1, threshold: 1, vectorLength: 4)
    }
  }
}
