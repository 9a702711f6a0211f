import Ledger
import SimCore

/// `workload.chain`: the chain a blockchain FL scheme runs on.
enum ChainSchema {
  static let consensusKinds = ["poa", "pow", "bft"]
  /// The chain's timing parameters are bounded: under 1 ms a chain would seal millions of
  /// blocks per simulated second, over a day no FL round would ever see a block.
  static let timingRange = SimDuration.milliseconds(1)...SimDuration.seconds(86_400)

  static let consensus = Field.choice(
    "consensus", from: consensusKinds, default: "poa",
    help: "Proof of authority, proof of work, or Tendermint-like BFT.")
  static let validators = Field.structure(
    "validators", accepts: "an array of distinct node ids",
    defaultText: "every node with role `validator`",
    help: "The consensus nodes, in engine order (BFT needs at least 4).")
  static let payloads = Field.choice(
    "payloads", from: ["on-chain", "off-chain"], default: "on-chain",
    help: "Update and model bytes on chain, or on a storage node with their hash on chain.")
  static let storage = Field.string(
    "storage", accepts: "a node id", default: nil,
    help: "The storage node of off-chain payloads.",
    defaultText: "the one node with role `storage`")
  static let blockPeriod = Field.duration(
    "blockPeriod", in: timingRange, default: .seconds(1), help: "PoA only: the slot length.")
  static let wiggle = Field.duration(
    "wiggle", in: timingRange, default: nil,
    help: "PoA only: how much later each backup signer seals; below `blockPeriod`.",
    defaultText: "200ms, or half of `blockPeriod` when that is shorter")
  static let blockInterval = Field.duration(
    "blockInterval", in: timingRange, default: .seconds(10),
    help: "PoW only: the mean block interval.")
  static let timeout = Field.duration(
    "timeout", in: timingRange, default: .seconds(1), help: "BFT only: the first-round timeout.")
  static let timeoutIncrement = Field.duration(
    "timeoutIncrement", in: timingRange, allowsZero: true, default: .milliseconds(500),
    help: "BFT only: added to the timeout at each further round of a height.")
  static let commitDelay = Field.duration(
    "commitDelay", in: timingRange, default: .seconds(1),
    help: "BFT only: the pause after each commit (Tendermint's `timeout_commit`).")
  static let confirmations = Field.integer(
    "confirmations", in: 0...1_000, default: nil,
    help: "PoA and PoW: blocks on top before a block counts as confirmed.",
    defaultText: "6 for pow, 0 for poa")
  /// The field's choices are the spec's cases, so the two cannot drift apart.
  static let gossipModes = ScenarioSpec.ChainSpec.Gossip.allCases.map(\.rawValue)
  static let gossip = Field.choice(
    "gossip", from: gossipModes, default: "announce",
    help:
      "How validators spread blocks (PoA, PoW) and transactions: a 37-byte inventory, then a request to the first announcer; or the item to every peer."
  )
  static let gossipTimeout = Field.duration(
    "gossipTimeout", in: timingRange, default: GossipMode.defaultRequestTimeout,
    help:
      "With \"announce\": how long a validator waits for a requested block or transaction before it asks the next announcer (go-ethereum's fetcher timeout)."
  )
  static let registrationDeadline = Field.duration(
    "registrationDeadline", in: timingRange, default: nil,
    help:
      "Round 1 opens at the first block this long after the start with the clients registered by then.",
    defaultText: "`workload.deadline` when set; otherwise every client must register")
  static let blockBytes = Field.bytes(
    "blockBytes", in: 1_024...(1 << 30), default: .megabytes(1), help: "The block size limit.")
  static let blockGas = Field<UInt64>.integer(
    "blockGas", in: 100_000...UInt64(Int64.max), default: 30_000_000,
    help: "The block gas limit.")

  /// Fields that belong to one consensus kind only.
  static let kindFields: [(name: String, kind: String)] = [
    (blockPeriod.name, "poa"), (wiggle.name, "poa"), (blockInterval.name, "pow"),
    (timeout.name, "bft"), (timeoutIncrement.name, "bft"), (commitDelay.name, "bft"),
  ]

  static let schema = ObjectSchema(
    path: "workload.chain", summary: "The chain of a blockchain FL scheme.",
    rows: [
      consensus.row, validators.row, payloads.row, storage.row, blockPeriod.row, wiggle.row,
      blockInterval.row, timeout.row, timeoutIncrement.row, commitDelay.row,
      confirmations.row, gossip.row, gossipTimeout.row, registrationDeadline.row, blockBytes.row,
      blockGas.row,
    ])
}
