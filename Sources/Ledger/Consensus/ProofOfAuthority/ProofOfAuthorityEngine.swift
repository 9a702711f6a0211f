import Cryptography
import SimCore
import SimKernel

/// A Clique-like proof-of-authority chain (after Ethereum EIP-225): a fixed list of signers, one
/// slot every `period`, the in-turn signer of slot s being signer s mod n.
///
/// ```swift
/// let engine = ProofOfAuthorityEngine(
///   configuration: .init(period: .seconds(5), wiggle: .milliseconds(500)),
///   keys: keys, peers: .fullMesh(nodeCount: keys.count), transport: transport)
/// engine.start(in: simulation)
/// simulation.run(until: .zero + .seconds(60))
/// ```
///
/// **Sealing rule.** At the start of slot s the in-turn signer seals a block on its head. The
/// signer k places after it in the order (k = 1…n−1) is a backup: k · `wiggle` into the slot it
/// seals unless a block of slot s (or later) has reached it. Crashed signers do nothing, so the
/// first live signer after a crashed in-turn one fills the slot, `wiggle` late per skipped
/// place. (EIP-225 draws the out-of-turn delay at random; a rank-ordered delay keeps the first
/// version deterministic and fork-free when the latency is below `wiggle`.)
///
/// **Gossip and validation.** A node that attaches a block forwards it to its peers (the sender
/// excluded); copies of known blocks are dropped. Each node keeps its own `ChainStore`
/// (longest chain; PoA networks are small). Validation is real: `BlockValidator` plus the
/// engine's rule (a later slot than the parent's, a known signer's key); its `Work` is added
/// to `validationWork[node]` and, in this version, takes no simulated time.
///
/// **Crashes.** A crashed node drops what is delivered to it and seals nothing; after
/// `recover` it resumes with the chain it had (blocks it missed stay missing until a
/// descendant's ancestors arrive: there is no catch-up sync yet).
public final class ProofOfAuthorityEngine: EventHandler {
  /// The configuration.
  public let configuration: ProofOfAuthorityConfiguration
  /// The signers' keys; signer i is node i.
  let keys: [Ed25519.PrivateKey]
  let publicKeys: [Ed25519.PublicKey]
  let peers: PeerTable
  let transport: any MessageTransport
  let validator = BlockValidator()
  let signatureMemo = SignatureMemo()

  /// Each node's chain.
  public private(set) var chains: [ChainStore]
  /// Whether each node is running.
  public private(set) var isUp: [Bool]
  /// Hashing and signing done by each node to seal its blocks.
  public private(set) var sealWork: [Work]
  /// Hashing and verification done by each node to validate received blocks.
  public private(set) var validationWork: [Work]
  /// When each node attached each block, in attachment order.
  public private(set) var arrivals: [[BlockArrival]]
  /// Block messages sent so far.
  public private(set) var sentMessageCount = 0
  /// Received blocks that failed validation.
  public private(set) var rejectedBlockCount = 0

  /// An engine whose signers are nodes 0..<`keys.count`, all starting from one genesis block
  /// signed by signer 0 at time zero.
  /// - Precondition: at least one signer; `peers` has one list per signer.
  public init(
    configuration: ProofOfAuthorityConfiguration, keys: [Ed25519.PrivateKey], peers: PeerTable,
    transport: any MessageTransport
  ) {
    precondition(!keys.isEmpty, "ProofOfAuthority: no signers")
    precondition(
      peers.nodeCount == keys.count,
      "ProofOfAuthority: \(peers.nodeCount) peer lists for \(keys.count) signers")
    self.configuration = configuration
    self.keys = keys
    publicKeys = keys.map(\.publicKey)
    self.peers = peers
    self.transport = transport
    var work = Work.zero
    let genesis = Block.makeGenesis(proposer: NodeID(0), signer: keys[0], work: &work)
    chains = Array(repeating: ChainStore(genesis: genesis), count: keys.count)
    isUp = Array(repeating: true, count: keys.count)
    sealWork = Array(repeating: .zero, count: keys.count)
    validationWork = Array(repeating: .zero, count: keys.count)
    arrivals = Array(repeating: [], count: keys.count)
  }

  /// The number of signers.
  public var signerCount: Int { keys.count }

  /// Schedules slot 1 at `period` after now.
  public func start(in simulation: Simulation) {
    simulation.schedule(
      after: configuration.period, self, event: ProofOfAuthorityEvent.slotStarted(slot: 1).code)
  }

  /// Stops `node`: it seals nothing and drops deliveries until `recover`.
  public func crash(node: NodeID) { isUp[node.index] = false }

  /// Restarts `node` with the chain it had when it crashed.
  public func recover(node: NodeID) { isUp[node.index] = true }

  /// The signer in turn in `slot`.
  public func inTurnSigner(slot: UInt64) -> NodeID { NodeID(Int(slot % UInt64(keys.count))) }

  // MARK: - Events

  /// Handles a `ProofOfAuthorityEvent` code.
  public func handle(_ event: UInt64, in simulation: Simulation) {
    switch ProofOfAuthorityEvent(code: event) {
    case .slotStarted(let slot):
      startSlot(slot, in: simulation)
    case .backupDeadline(let node, let slot):
      if isUp[node.index] && Self.slot(of: chains[node.index].head) < slot {
        seal(slot: slot, by: node, in: simulation)
      }
    }
  }

  private func startSlot(_ slot: UInt64, in simulation: Simulation) {
    let n = keys.count
    let inTurn = Int(slot % UInt64(n))
    for rank in 0..<n {
      let node = NodeID((inTurn + rank) % n)
      guard isUp[node.index] else { continue }
      if rank == 0 {
        if Self.slot(of: chains[node.index].head) < slot {
          seal(slot: slot, by: node, in: simulation)
        }
      } else {
        simulation.schedule(
          after: configuration.wiggle * Int64(rank), self,
          event: ProofOfAuthorityEvent.backupDeadline(node: node, slot: slot).code)
      }
    }
    simulation.schedule(
      after: configuration.period, self,
      event: ProofOfAuthorityEvent.slotStarted(slot: slot + 1).code)
  }

  /// The slot a block was sealed in (0 for a block without a PoA seal, such as the genesis).
  static func slot(of block: Block) -> UInt64 {
    if case .proofOfAuthority(let slot) = block.header.seal { return slot }
    return 0
  }

  // MARK: - Sealing and gossip

  private func seal(slot: UInt64, by node: NodeID, in simulation: Simulation) {
    let block = Block.make(
      on: chains[node.index].head, transactions: [], timestamp: simulation.now, proposer: node,
      signer: keys[node.index], seal: .proofOfAuthority(slot: slot),
      work: &sealWork[node.index])
    do {
      _ = try chains[node.index].add(block)
    } catch {
      preconditionFailure("ProofOfAuthority: own block rejected: \(error)")
    }
    arrivals[node.index].append(BlockArrival(height: block.height, instant: simulation.now))
    forward(block, from: node, except: nil, in: simulation)
  }

  private func forward(
    _ block: Block, from node: NodeID, except source: NodeID?, in simulation: Simulation
  ) {
    for peer in peers.peers[node.index] where peer != source {
      sentMessageCount += 1
      transport.send(
        from: node, to: peer, size: block.byteCount, kind: "block", in: simulation
      ) { [unowned self] simulation in
        self.receive(block, at: peer, from: node, in: simulation)
      }
    }
  }

  private func receive(
    _ block: Block, at node: NodeID, from source: NodeID, in simulation: Simulation
  ) {
    let index = node.index
    guard isUp[index], !chains[index].contains(block.hash), !chains[index].isOrphan(block.hash)
    else { return }
    guard isAcceptable(block, at: index) else {
      rejectedBlockCount += 1
      return
    }
    let update: ChainUpdate
    do {
      update = try chains[index].add(block)
    } catch {
      rejectedBlockCount += 1
      return
    }
    for hash in update.connected {
      guard let attached = chains[index].block(hash) else { continue }
      arrivals[index].append(BlockArrival(height: attached.height, instant: simulation.now))
      forward(attached, from: node, except: source, in: simulation)
    }
  }

  /// The validator's checks and the PoA rule: a known signer's key and a later slot than the
  /// parent's (the parent's checks wait when it is unknown: the block is kept as an orphan).
  private func isAcceptable(_ block: Block, at index: Int) -> Bool {
    let header = block.header
    guard case .proofOfAuthority(let slot) = header.seal,
      header.proposer.index < keys.count,
      header.proposerKey == publicKeys[header.proposer.index]
    else { return false }
    do {
      if let parent = chains[index].block(block.parentHash) {
        guard slot > Self.slot(of: parent) else { return false }
        try validator.validate(
          block: block, parent: parent, limits: configuration.limits,
          signatureMemo: signatureMemo, work: &validationWork[index])
      } else {
        try validator.validateContents(
          block: block, limits: configuration.limits, signatureMemo: signatureMemo,
          work: &validationWork[index])
      }
    } catch {
      return false
    }
    return true
  }
}
