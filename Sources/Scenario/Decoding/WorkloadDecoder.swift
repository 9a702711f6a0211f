import Learning
import Platform
import SimCore
import Traces

/// Decodes the `workload` object: `transfers` or `fedavg`.
enum WorkloadDecoder {
  typealias Schema = WorkloadSchema

  static func decode(
    _ value: JSONValue, path: String, file: String, topology: Topology, baseDirectory: String?
  ) throws(ScenarioError) -> ScenarioSpec.Workload {
    guard let kind = try ObjectReader.discriminator(Schema.kind, in: value, path: path, file: file)
    else {
      throw .missingField(
        file: file, line: value.line, path: "\(path).kind", expected: Schema.kind.accepts)
    }
    switch kind {
    case "transfers":
      let reader = try ObjectReader(value, schema: Schema.transfersSchema, path: path, file: file)
      return .transfers(try decodeTransfers(reader, topology: topology))
    default:
      let reader = try ObjectReader(value, schema: Schema.fedavgSchema, path: path, file: file)
      return .fedavg(try decodeFedAvg(reader, topology: topology, baseDirectory: baseDirectory))
    }
  }

  /// The node named by `field`, which must exist; nil when the field is absent.
  static func node(_ field: Field<String>, in reader: ObjectReader, topology: Topology)
    throws(ScenarioError) -> NodeID?
  {
    guard let name = try reader.read(field) else { return nil }
    guard let node = topology.node(named: name) else {
      throw .unknownReference(
        file: reader.file, line: reader.line(of: field), path: reader.path(of: field),
        name: name, kind: "node")
    }
    return node.id
  }

  /// The distinct nodes listed under `field`, or nil when the field is absent.
  static func nodeList(_ field: Field<JSONValue>, in reader: ObjectReader, topology: Topology)
    throws(ScenarioError) -> [NodeID]?
  {
    guard let names = try reader.array(field) else { return nil }
    return try reader.distinctIDs(names, under: field.name, kind: "node") {
      topology.node(named: $0)?.id
    }
  }

  /// Fails unless a path of links joins `a` and `b`.
  static func requireRoute(
    from a: NodeID, to b: NodeID, topology: Topology, reachability: inout Reachability,
    reader: ObjectReader, path: String
  ) throws(ScenarioError) {
    if !reachability.connects(a, b) {
      throw .noRoute(
        file: reader.file, line: reader.value.line, path: path, from: topology.nodes[a.index].name,
        to: topology.nodes[b.index].name)
    }
  }

  static func decodeTransfers(_ reader: ObjectReader, topology: Topology) throws(ScenarioError)
    -> [ScenarioSpec.TransferSpec]
  {
    guard let items = try reader.array(Schema.transfers), !items.isEmpty else {
      throw .missingField(
        file: reader.file, line: reader.value.line, path: reader.path(of: Schema.transfers),
        expected: Schema.transfers.accepts)
    }
    try TopologyDecoder.checkCount(
      items.count, of: "transfers", limit: ScenarioLimits.transfers, in: reader)
    var router = Router(topology: topology)
    var seen: Set<String> = []
    var transfers: [ScenarioSpec.TransferSpec] = []
    for (i, item) in items.enumerated() {
      let transfer = try ObjectReader(
        item, schema: Schema.transferSchema, path: reader.fieldPath("transfers[\(i)]"),
        file: reader.file)
      let id = try transfer.value(Schema.transferID)
      if !seen.insert(id).inserted {
        throw .duplicateID(
          file: reader.file, line: item.line, path: transfer.path(of: Schema.transferID), id: id)
      }
      guard let from = try node(Schema.from, in: transfer, topology: topology) else {
        throw .missingField(
          file: reader.file, line: item.line, path: transfer.path(of: Schema.from),
          expected: Schema.from.accepts)
      }
      guard let to = try node(Schema.to, in: transfer, topology: topology) else {
        throw .missingField(
          file: reader.file, line: item.line, path: transfer.path(of: Schema.to),
          expected: Schema.to.accepts)
      }
      let size = try transfer.value(Schema.bytes)
      let start = try transfer.value(Schema.start)
      guard let route = router.route(from: from, to: to) else {
        throw .noRoute(
          file: reader.file, line: item.line, path: transfer.path,
          from: topology.nodes[from.index].name,
          to: topology.nodes[to.index].name)
      }
      let transmission = SimulationHorizon.slowestTransmission(
        bytes: size.bytes, over: route, in: topology)
      if !SimulationHorizon.fits(transmission + Int128(route.latency.nanoseconds)) {
        throw transfer.violation(
          Schema.bytes, value: "\(size.bytes)",
          accepted:
            "a message must cross its route within 100 years of simulated time; this one "
            + "would take \(SimulationHorizon.years(transmission))")
      }
      transfers.append(
        ScenarioSpec.TransferSpec(id: id, from: from, to: to, size: size, start: start))
    }
    return transfers
  }

  static func decodeFedAvg(_ reader: ObjectReader, topology: Topology, baseDirectory: String?)
    throws(ScenarioError)
    -> ScenarioSpec.FedAvgSpec
  {
    let file = reader.file
    let server: NodeID
    if let named = try node(Schema.server, in: reader, topology: topology) {
      server = named
    } else {
      let servers = topology.nodes(withRole: .server)
      guard servers.count == 1 else {
        throw .missingField(
          file: file, line: reader.value.line, path: reader.path(of: Schema.server),
          expected:
            "the server's node id (the topology has \(servers.count) nodes with role `server`, so it cannot be inferred)"
        )
      }
      server = servers[0].id
    }
    let clients =
      try nodeList(Schema.clients, in: reader, topology: topology)
      ?? topology.nodes(withRole: .client).map(\.id)
    if clients.isEmpty {
      throw .missingField(
        file: file, line: reader.value.line, path: reader.path(of: Schema.clients),
        expected: "client node ids (no node has role `client`)")
    }
    var reachability = Reachability(topology)
    for client in clients {
      try requireRoute(
        from: server, to: client, topology: topology, reachability: &reachability,
        reader: reader, path: reader.path(of: Schema.clients))
    }
    let rounds = try reader.value(Schema.rounds)
    let fraction = try reader.value(Schema.fraction)
    let epochs = try reader.value(Schema.epochs)
    let batchSize = try reader.value(Schema.batchSize)
    let learningRate = try reader.value(Schema.learningRate)
    let deadline = try reader.read(Schema.deadline)
    let training = try TrainingDecoder.decode(
      reader, baseDirectory: baseDirectory, clients: clients, server: server,
      topology: topology, epochs: epochs, fraction: fraction)
    let target = try reader.read(Schema.targetAccuracy)
    var chain: ScenarioSpec.ChainSpec?
    if let chainReader = try reader.object(Schema.chain, schema: ChainSchema.schema) {
      chain = try ChainDecoder.decode(
        chainReader, topology: topology, clients: clients, reachability: &reachability)
    }
    let scheme = try SchemeDecoder.decode(
      reader, training: training, hasChain: chain != nil, clients: clients, topology: topology)
    return ScenarioSpec.FedAvgSpec(
      server: server, clients: clients, rounds: rounds, clientFraction: fraction, epochs: epochs,
      batchSize: batchSize, learningRate: learningRate, roundDeadline: deadline, training: training,
      targetAccuracy: target, chain: chain, preset: scheme.preset, stages: scheme.stages,
      behaviours: scheme.behaviours, stagesLocation: scheme.stagesLocation)
  }
}
