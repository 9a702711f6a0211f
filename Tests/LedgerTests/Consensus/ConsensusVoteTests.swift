import Cryptography
import SimCore
import SimKernel
import Testing

@testable import Ledger

struct ConsensusVoteTests {
  @Test func signatureCoversEveryField() {
    let key = ConsensusFixtures.keys[1]
    var work = Work.zero
    let block = BlockHash(LedgerFixtures.digest(7))
    let vote = ConsensusVote.make(
      kind: .prevote, height: 5, view: 2, block: block, voter: NodeID(1), signedBy: key,
      work: &work)
    // Signing hashes the 53-byte fields (one 64-byte SHA-256 block) and signs: one scalar
    // multiplication or more.
    #expect(vote.unsignedEncoding.count == 53)
    #expect(ConsensusVote.encodedByteCount == 117)
    #expect(work.curveScalarMultiplications > 0)
    var check = Work.zero
    #expect(vote.isValidSignature(signer: key.publicKey, work: &check))
    #expect(check.curveScalarMultiplications > 0)
    let tampered = [
      ConsensusVote(
        kind: .precommit, height: 5, view: 2, block: block, voter: NodeID(1),
        signature: vote.signature),
      ConsensusVote(
        kind: .prevote, height: 6, view: 2, block: block, voter: NodeID(1),
        signature: vote.signature),
      ConsensusVote(
        kind: .prevote, height: 5, view: 3, block: block, voter: NodeID(1),
        signature: vote.signature),
      ConsensusVote(
        kind: .prevote, height: 5, view: 2, block: nil, voter: NodeID(1),
        signature: vote.signature),
      ConsensusVote(
        kind: .prevote, height: 5, view: 2, block: block, voter: NodeID(2),
        signature: vote.signature),
    ]
    for forged in tampered {
      #expect(!forged.isValidSignature(signer: key.publicKey, work: &check), "\(forged)")
    }
    #expect(!vote.isValidSignature(signer: ConsensusFixtures.keys[2].publicKey, work: &check))
  }

  @Test func eachDistinctVoteIsVerifiedOnceAndEveryReceiverIsCharged() {
    let simulation = Simulation(streams: RandomStreams(seed: 3))
    let engine = ByzantineEngine(
      configuration: ByzantineConfiguration(
        baseTimeout: .seconds(1), timeoutIncrement: .milliseconds(500), targetHeight: 1),
      keys: ConsensusFixtures.keys, transport: FixedLatencyTransport(latency: .milliseconds(10)))
    engine.start(in: simulation)
    simulation.run()
    #expect(engine.committed.count == 2)
    // One height, 4 validators: 4 prevotes and 4 precommits, each received by the 3 others
    // (24 receipts, all checked on receipt): 8 real checks, 16 answered from the memo.
    #expect(engine.voteMemo.missCount == 8)
    #expect(engine.voteMemo.hitCount == 16)
    #expect(engine.rejectedVoteCount == 0)
    // Every validator signed 2 votes and checked 6: the same work each.
    #expect(Set(engine.voteWork).count == 1)
  }

  @Test func voteSigningAndVerificationTimeDelayEachCommit() {
    let compute = FixedDelayCompute(delays: [
      "sign-vote": .milliseconds(1), "verify-vote": .milliseconds(2),
    ])
    let simulation = Simulation(streams: RandomStreams(seed: 3))
    let engine = ByzantineEngine(
      configuration: ByzantineConfiguration(
        baseTimeout: .seconds(1), timeoutIncrement: .milliseconds(500), targetHeight: 2),
      keys: ConsensusFixtures.keys, transport: FixedLatencyTransport(latency: .milliseconds(10)),
      compute: compute)
    engine.start(in: simulation)
    simulation.run()
    // Height 1 (sealing and validation free): the proposer prevotes at 0, the others when the
    // proposal arrives at 10 ms. Each prevote leaves 1 ms after it is cast and counts 2 ms
    // after it arrives: the others' prevotes count at 10 + 1 + 10 + 2 = 23 ms, completing
    // every quorum (own + proposer's at 13 ms + two at 23 ms). Precommits are cast at 23 ms
    // and count at 23 + 1 + 10 + 2 = 36 ms: commit at 3d + 2 · (1 + 2) = 36 ms; height 2
    // again 36 ms later.
    let expected: [SimInstant] = [.zero + .milliseconds(36), .zero + .milliseconds(72)]
    for node in 0..<4 { #expect(engine.commitInstants[node] == expected) }
    // Per height 8 votes signed, 24 checked.
    #expect(compute.tasks(labelled: "sign-vote").count == 16)
    #expect(compute.tasks(labelled: "verify-vote").count == 48)
  }
}
