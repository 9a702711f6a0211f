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

/// A fixed-latency transport that a test can partition: a message between nodes of different
/// groups is lost (its `onLoss` runs, when given) if the two are apart when it is sent or when it
/// would arrive. Nodes of no group (the default: every node) reach every other.
final class PartitionableTransport: MessageTransport {
  let latency: SimDuration
  /// `group[node]`: the node's side of the partition; nil: not partitioned.
  private var group: [Int: Int] = [:]
  /// Messages lost to the partition so far.
  private(set) var lostCount = 0
  /// Messages sent so far, by kind.
  private(set) var sentByKind: [String: Int] = [:]

  init(latency: SimDuration) { self.latency = latency }

  /// Splits the nodes into `groups` (nodes listed nowhere are with everyone).
  func partition(_ groups: [[Int]]) {
    group = [:]
    for (index, nodes) in groups.enumerated() {
      for node in nodes { group[node] = index }
    }
  }

  /// Heals the partition.
  func heal() { group = [:] }

  func isApart(_ a: NodeID, _ b: NodeID) -> Bool {
    guard let ga = group[a.index], let gb = group[b.index] else { return false }
    return ga != gb
  }

  func send(
    from source: NodeID, to destination: NodeID, size: ByteCount, kind: String,
    in simulation: Simulation, onLoss: Simulation.Action?,
    onDelivery: @escaping Simulation.Action
  ) {
    sentByKind[kind, default: 0] += 1
    guard !isApart(source, destination) else {
      lostCount += 1
      if let onLoss { simulation.schedule(after: latency, onLoss) }
      return
    }
    simulation.schedule(after: latency) { [self] simulation in
      if isApart(source, destination) {
        lostCount += 1
        onLoss?(simulation)
      } else {
        onDelivery(simulation)
      }
    }
  }
}
