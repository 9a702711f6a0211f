import Cryptography
import Ledger
import SimCore
import SimKernel

/// A compute service that finishes every task a fixed time after it is submitted, by label
/// (tasks on one node overlap: no queueing), and records what it was given.
final class FixedDelayCompute: ComputeService {
  struct Task: Equatable {
    let node: NodeID
    let label: String
    let submitted: SimInstant
    let work: Work
  }
  let delays: [String: SimDuration]
  private(set) var tasks: [Task] = []

  init(delays: [String: SimDuration]) { self.delays = delays }

  func submit(
    _ work: Work, on node: NodeID, label: String, in simulation: Simulation,
    onDone: @escaping Simulation.Action
  ) {
    tasks.append(Task(node: node, label: label, submitted: simulation.now, work: work))
    simulation.schedule(after: delays[label] ?? .zero, onDone)
  }

  func tasks(labelled label: String) -> [Task] { tasks.filter { $0.label == label } }
}

/// What an engine's callbacks reported: (validator, height, instant) per acceptance and per
/// confirmation, in call order.
final class BlockEventLog {
  struct Entry: Hashable, CustomStringConvertible {
    let node: Int
    let height: Int
    let instant: SimInstant
    var description: String { "(\(node), h\(height), \(instant))" }
  }
  private(set) var accepted: [Entry] = []
  private(set) var confirmed: [Entry] = []

  /// Installs callbacks on `engine` that append here (the log is captured, not the engine).
  func observe(_ engine: any ConsensusEngine) {
    engine.onBlockAccepted = { [self] node, block, simulation in
      accepted.append(Entry(node: node.index, height: block.height, instant: simulation.now))
    }
    engine.onBlockConfirmed = { [self] node, block, simulation in
      confirmed.append(Entry(node: node.index, height: block.height, instant: simulation.now))
    }
  }

  func accepted(at node: Int) -> [Entry] { accepted.filter { $0.node == node } }
  func confirmed(at node: Int) -> [Entry] { confirmed.filter { $0.node == node } }
}

/// Consensus keys of the engine tests: made once per process (key generation is slow in
/// debug builds), from seed 31.
enum ConsensusFixtures {
  static let keys: [Ed25519.PrivateKey] = {
    var work = Work.zero
    return ConsensusKeys.make(count: 4, streams: RandomStreams(seed: 31), work: &work)
  }()

  /// `count` signed update commitments from clients 0..<count (senders cycle through the four
  /// fixture keys), 158 bytes and 24,736 gas each.
  static func commitments(_ count: Int, firstClient: Int = 0) -> [Transaction] {
    (firstClient..<firstClient + count).map {
      LedgerFixtures.commitment(client: $0, nonce: UInt64($0), key: $0 % 4)
    }
  }
}
