import Platform
import SimCore

/// Decodes `workload.chain`: the chain a blockchain FL scheme runs on.
enum ChainDecoder {
  typealias Schema = ChainSchema

  static func decode(
    _ reader: ObjectReader, topology: Topology, clients: [NodeID],
    reachability: inout Reachability
  ) throws(ScenarioError) -> ScenarioSpec.ChainSpec {
    let file = reader.file
    let kind = try reader.value(Schema.consensus)
    try rejectFieldsOfOtherKinds(kind, in: reader)
    let consensus: ScenarioSpec.ChainSpec.Consensus
    switch kind {
    case "pow":
      consensus = .proofOfWork(meanInterval: try reader.value(Schema.blockInterval))
    case "bft":
      consensus = .byzantine(
        timeout: try reader.value(Schema.timeout),
        timeoutIncrement: try reader.value(Schema.timeoutIncrement),
        commitDelay: try reader.value(Schema.commitDelay))
    default:
      let period = try reader.value(Schema.blockPeriod)
      let wiggle = try reader.read(Schema.wiggle) ?? defaultWiggle(period: period)
      try requireWiggleShorterThanPeriod(wiggle, period: period, in: reader)
      consensus = .proofOfAuthority(period: period, wiggle: wiggle)
    }
    let minimum = kind == "bft" ? 4 : 1
    let validators =
      try WorkloadDecoder.nodeList(Schema.validators, in: reader, topology: topology)
      ?? topology.nodes(withRole: .validator).map(\.id)
    if validators.count < minimum {
      let why = kind == "bft" ? "BFT needs n ≥ 3f + 1 with f ≥ 1" : "a chain needs a validator"
      throw reader.violation(
        Schema.validators, value: "\(validators.count) validator(s)",
        accepted: "at least \(minimum) (\(why)); list them or give nodes the role `validator`")
    }
    let storage = try decodeStorage(in: reader, topology: topology)
    // Every client reaches every validator (and the storage node) when each of them is in the
    // first validator's component: one pass, not a route per client.
    let hub = validators[0]
    for node in validators + clients + (storage.map { [$0] } ?? []) {
      let path =
        node == storage ? reader.path(of: Schema.storage) : reader.path(of: Schema.validators)
      try WorkloadDecoder.requireRoute(
        from: node, to: hub, topology: topology, reachability: &reachability, reader: reader,
        path: path)
    }
    let confirmations = try reader.read(Schema.confirmations) ?? (kind == "pow" ? 6 : 0)
    if kind == "bft" && reader.has(Schema.confirmations) {
      throw reader.violation(
        Schema.confirmations, value: "\(confirmations)",
        accepted: "no `confirmations` with \"bft\": a committed block is final")
    }
    let gossipName = try reader.value(Schema.gossip)
    guard let gossip = ScenarioSpec.ChainSpec.Gossip(rawValue: gossipName) else {
      preconditionFailure("ChainDecoder: gossip \"\(gossipName)\" passed the field's choices")
    }
    let gossipTimeout = try reader.value(Schema.gossipTimeout)
    if gossip == .flood && reader.has(Schema.gossipTimeout) {
      throw reader.violation(
        Schema.gossipTimeout, value: "\(gossipTimeout)",
        accepted: "no `gossipTimeout` with \"gossip\": \"flood\": nothing is requested")
    }
    return ScenarioSpec.ChainSpec(
      consensus: consensus, gossip: gossip, gossipTimeout: gossipTimeout, validators: validators,
      confirmations: confirmations,
      registrationDeadline: try reader.read(Schema.registrationDeadline),
      maxBlockBytes: try reader.value(Schema.blockBytes),
      maxBlockGas: try reader.value(Schema.blockGas), storage: storage,
      location: ScenarioSpec.SourceLocation(file: file, line: reader.value.line, path: reader.path))
  }

  // MARK: - Rules between fields

  /// PoA backups seal `wiggle` apart inside the slot: 200 ms, or half the period when that is
  /// shorter (a 100 ms period gets 50 ms).
  static func defaultWiggle(period: SimDuration) -> SimDuration {
    min(.milliseconds(200), SimDuration(nanoseconds: period.nanoseconds / 2))
  }

  /// A backup signer must seal within the slot, so `wiggle` is shorter than `blockPeriod`.
  static func requireWiggleShorterThanPeriod(
    _ wiggle: SimDuration, period: SimDuration, in reader: ObjectReader
  ) throws(ScenarioError) {
    if wiggle >= period {
      throw reader.violation(
        Schema.wiggle, value: "\(wiggle)",
        accepted:
          "a backup delay shorter than blockPeriod (\(period)), so backups seal within the slot")
    }
  }

  /// Fields that belong to another consensus kind are refused rather than ignored.
  static func rejectFieldsOfOtherKinds(_ kind: String, in reader: ObjectReader)
    throws(ScenarioError)
  {
    for (name, owner) in Schema.kindFields where owner != kind {
      guard let value = reader.member(name) else { continue }
      throw .invalidValue(
        file: reader.file, line: value.line, path: reader.fieldPath(name), value: name,
        accepted: "`\(name)` belongs to consensus \"\(owner)\"; this chain is \"\(kind)\"")
    }
  }

  /// The storage node of off-chain payloads; nil for on-chain payloads.
  static func decodeStorage(in reader: ObjectReader, topology: Topology) throws(ScenarioError)
    -> NodeID?
  {
    let places = try reader.value(Schema.payloads)
    guard places == "off-chain" else {
      if reader.has(Schema.storage) {
        throw reader.violation(
          Schema.storage, value: "storage",
          accepted: "`storage` only with \"payloads\": \"off-chain\"")
      }
      return nil
    }
    if let named = try WorkloadDecoder.node(Schema.storage, in: reader, topology: topology) {
      return named
    }
    let candidates = topology.nodes(withRole: .storage)
    guard candidates.count == 1 else {
      throw .missingField(
        file: reader.file, line: reader.value.line, path: reader.path(of: Schema.storage),
        expected:
          "the storage node's id for off-chain payloads (the topology has \(candidates.count) nodes with role `storage`, so it cannot be inferred)"
      )
    }
    return candidates[0].id
  }
}
