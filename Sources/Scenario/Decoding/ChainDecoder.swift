import Platform
import SimCore

/// Decodes `workload.chain`: the chain a blockchain FL scheme runs on.
enum ChainDecoder {
  static let fields = [
    "consensus", "validators", "payloads", "storage", "blockPeriod", "wiggle", "blockInterval",
    "timeout", "timeoutIncrement", "commitDelay", "confirmations", "blockBytes", "blockGas",
  ]
  static let consensusKinds = ["poa", "pow", "bft"]
  static let payloadPlaces = ["on-chain", "off-chain"]
  /// Fields that belong to one consensus kind only.
  static let kindFields = [
    "blockPeriod": "poa", "wiggle": "poa", "blockInterval": "pow", "timeout": "bft",
    "timeoutIncrement": "bft", "commitDelay": "bft",
  ]

  static func decode(
    _ reader: ObjectReader, topology: Topology, clients: [NodeID]
  ) throws(ScenarioError) -> ScenarioSpec.ChainSpec {
    try reader.rejectUnknownFields(allowed: fields)
    let file = reader.file
    let kind = try reader.choice("consensus", from: consensusKinds) ?? "poa"
    for key in kindFields.keys.sorted() where reader.optional(key) != nil && kindFields[key] != kind
    {
      throw .invalidValue(
        file: file, line: reader.optional(key)!.line, path: reader.fieldPath(key), value: key,
        accepted: "`\(key)` belongs to consensus \"\(kindFields[key]!)\"; this chain is \"\(kind)\""
      )
    }
    let consensus: ScenarioSpec.ChainSpec.Consensus
    switch kind {
    case "pow":
      consensus = .proofOfWork(
        meanInterval: try timing("blockInterval", in: reader) ?? .seconds(10))
    case "bft":
      consensus = .byzantine(
        timeout: try timing("timeout", in: reader) ?? .seconds(1),
        timeoutIncrement: try timing("timeoutIncrement", in: reader, allowZero: true)
          ?? .milliseconds(500),
        commitDelay: try timing("commitDelay", in: reader) ?? .seconds(1))
    default:
      let period = try timing("blockPeriod", in: reader) ?? .seconds(1)
      let wiggle = try timing("wiggle", in: reader) ?? .milliseconds(200)
      if wiggle >= period {
        throw .invalidValue(
          file: file, line: reader.optional("wiggle")!.line, path: reader.fieldPath("wiggle"),
          value: "\(wiggle)",
          accepted:
            "a backup delay shorter than blockPeriod (\(period)), so backups seal within the slot")
      }
      consensus = .proofOfAuthority(period: period, wiggle: wiggle)
    }
    let validators = try nodes(
      "validators", role: .validator, in: reader, topology: topology,
      minimum: kind == "bft" ? 4 : 1,
      why: kind == "bft" ? "BFT needs n ≥ 3f + 1 with f ≥ 1" : "a chain needs a validator")
    let places = try reader.choice("payloads", from: payloadPlaces) ?? "on-chain"
    var storage: NodeID?
    if places == "off-chain" {
      if let named = try WorkloadDecoder.node("storage", in: reader, topology: topology) {
        storage = named
      } else {
        let candidates = topology.nodes(withRole: .storage)
        guard candidates.count == 1 else {
          throw .missingField(
            file: file, line: reader.value.line, path: reader.fieldPath("storage"),
            expected:
              "the storage node's id for off-chain payloads (the topology has \(candidates.count) nodes with role `storage`, so it cannot be inferred)"
          )
        }
        storage = candidates[0].id
      }
    } else if reader.optional("storage") != nil {
      throw .invalidValue(
        file: file, line: reader.optional("storage")!.line, path: reader.fieldPath("storage"),
        value: "storage", accepted: "`storage` only with \"payloads\": \"off-chain\"")
    }
    var router = Router(topology: topology)
    for client in clients {
      for validator in validators {
        try WorkloadDecoder.requireRoute(
          from: client, to: validator, topology: topology, router: &router, reader: reader,
          path: reader.fieldPath("validators"))
      }
      if let storage {
        try WorkloadDecoder.requireRoute(
          from: client, to: storage, topology: topology, router: &router, reader: reader,
          path: reader.fieldPath("storage"))
      }
    }
    for a in validators {
      for b in validators where a != b {
        try WorkloadDecoder.requireRoute(
          from: a, to: b, topology: topology, router: &router, reader: reader,
          path: reader.fieldPath("validators"))
      }
      if let storage {
        try WorkloadDecoder.requireRoute(
          from: a, to: storage, topology: topology, router: &router, reader: reader,
          path: reader.fieldPath("storage"))
      }
    }
    let defaultDepth: Int64 = kind == "pow" ? 6 : 0
    let confirmations = Int(try reader.integer("confirmations", in: 0...1_000) ?? defaultDepth)
    if kind == "bft" && reader.optional("confirmations") != nil {
      throw .invalidValue(
        file: file, line: reader.optional("confirmations")!.line,
        path: reader.fieldPath("confirmations"), value: "\(confirmations)",
        accepted: "no `confirmations` with \"bft\": a committed block is final")
    }
    let blockBytes = try reader.byteCount("blockBytes") ?? .megabytes(1)
    if blockBytes.bytes < 1_024 {
      throw .invalidValue(
        file: file, line: reader.optional("blockBytes")!.line, path: reader.fieldPath("blockBytes"),
        value: "\(blockBytes.bytes) bytes", accepted: "at least 1,024 bytes")
    }
    let blockGas = UInt64(try reader.integer("blockGas", in: 100_000...Int64.max) ?? 30_000_000)
    return ScenarioSpec.ChainSpec(
      consensus: consensus, validators: validators, confirmations: confirmations,
      maxBlockBytes: blockBytes, maxBlockGas: blockGas, storage: storage,
      location: ScenarioSpec.SourceLocation(file: file, line: reader.value.line, path: reader.path))
  }

  /// The chain's timing parameters are bounded: under 1 ms a chain would seal millions of
  /// blocks per simulated second, over a day no FL round would ever see a block.
  static let timingRange = SimDuration.milliseconds(1)...SimDuration.seconds(86_400)

  /// The duration under `key`, within `timingRange` (or zero, with `allowZero`), or nil.
  static func timing(_ key: String, in reader: ObjectReader, allowZero: Bool = false)
    throws(ScenarioError) -> SimDuration?
  {
    guard let duration = try reader.duration(key) else { return nil }
    guard timingRange.contains(duration) || (allowZero && duration == .zero) else {
      throw .invalidValue(
        file: reader.file, line: reader.optional(key)!.line, path: reader.fieldPath(key),
        value: "\(duration)",
        accepted: "a duration from 1ms to 1 day (86400s)" + (allowZero ? ", or 0s" : ""))
    }
    return duration
  }

  /// The nodes listed under `key`, or every node with `role` when the key is absent.
  static func nodes(
    _ key: String, role: NodeRole, in reader: ObjectReader, topology: Topology, minimum: Int,
    why: String
  ) throws(ScenarioError) -> [NodeID] {
    let found =
      try WorkloadDecoder.nodeList(key, in: reader, topology: topology)
      ?? topology.nodes(withRole: role).map(\.id)
    if found.count < minimum {
      throw .invalidValue(
        file: reader.file, line: reader.optional(key)?.line ?? reader.value.line,
        path: reader.fieldPath(key), value: "\(found.count) validator(s)",
        accepted: "at least \(minimum) (\(why)); list them or give nodes the role `\(role)`")
    }
    return found
  }
}
