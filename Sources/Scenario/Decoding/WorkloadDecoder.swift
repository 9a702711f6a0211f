import Learning
import Platform
import SimCore
import Traces

/// Decodes the `workload` object: `transfers` or `fedavg`.
enum WorkloadDecoder {
  static let kinds = ["transfers", "fedavg"]
  static let transferFields = ["id", "from", "to", "bytes", "start"]
  static let fedavgFields = [
    "kind", "server", "clients", "rounds", "fraction", "epochs", "batchSize", "learningRate",
    "deadline", "training", "targetAccuracy", "chain",
  ]
  static let trainingKinds = ["placeholder", "learning"]
  static let learningFields = [
    "kind", "model", "dataset", "partition", "testFraction", "aggregation", "momentum",
    "weightDecay", "threads",
  ]

  static func decode(_ reader: ObjectReader, topology: Topology, baseDirectory: String?)
    throws(ScenarioError)
    -> ScenarioSpec.Workload
  {
    guard let kind = try reader.choice("kind", from: kinds) else {
      throw .missingField(
        file: reader.file, line: reader.value.line, path: reader.fieldPath("kind"),
        expected: "one of: \(kinds.joined(separator: ", "))")
    }
    switch kind {
    case "transfers": return .transfers(try decodeTransfers(reader, topology: topology))
    default:
      return .fedavg(try decodeFedAvg(reader, topology: topology, baseDirectory: baseDirectory))
    }
  }

  /// The node named by member `key`, which must exist.
  static func node(_ key: String, in reader: ObjectReader, topology: Topology) throws(ScenarioError)
    -> NodeID?
  {
    guard let name = try reader.string(key) else { return nil }
    guard let node = topology.node(named: name) else {
      throw .unknownReference(
        file: reader.file, line: reader.optional(key)!.line, path: reader.fieldPath(key),
        name: name, kind: "node")
    }
    return node.id
  }

  /// The distinct nodes listed under `key`, or nil when the key is absent.
  static func nodeList(_ key: String, in reader: ObjectReader, topology: Topology)
    throws(ScenarioError) -> [NodeID]?
  {
    guard let names = try reader.array(key) else { return nil }
    var found: [NodeID] = []
    for (i, value) in names.enumerated() {
      let path = reader.fieldPath("\(key)[\(i)]")
      guard case .string(let name) = value.kind else {
        throw .wrongType(
          file: reader.file, line: value.line, path: path, found: value.typeDescription,
          expected: "a node id")
      }
      guard let node = topology.node(named: name) else {
        throw .unknownReference(
          file: reader.file, line: value.line, path: path, name: name, kind: "node")
      }
      if found.contains(node.id) {
        throw .duplicateID(file: reader.file, line: value.line, path: path, id: name)
      }
      found.append(node.id)
    }
    return found
  }

  static func requireRoute(
    from a: NodeID, to b: NodeID, topology: Topology, router: inout Router, reader: ObjectReader,
    path: String
  ) throws(ScenarioError) {
    if router.route(from: a, to: b) == nil {
      throw .noRoute(
        file: reader.file, line: reader.value.line, path: path, from: topology.nodes[a.index].name,
        to: topology.nodes[b.index].name)
    }
  }

  static func decodeTransfers(_ reader: ObjectReader, topology: Topology) throws(ScenarioError)
    -> [ScenarioSpec.TransferSpec]
  {
    try reader.rejectUnknownFields(allowed: ["kind", "transfers"])
    guard let items = try reader.array("transfers"), !items.isEmpty else {
      throw .missingField(
        file: reader.file, line: reader.value.line, path: reader.fieldPath("transfers"),
        expected: "a non-empty array of transfers")
    }
    var router = Router(topology: topology)
    var seen: Set<String> = []
    var transfers: [ScenarioSpec.TransferSpec] = []
    for (i, item) in items.enumerated() {
      let transfer = try ObjectReader(
        item, path: reader.fieldPath("transfers[\(i)]"), file: reader.file)
      try transfer.rejectUnknownFields(allowed: transferFields)
      let id = try transfer.requiredString("id")
      if !seen.insert(id).inserted {
        throw .duplicateID(
          file: reader.file, line: item.line, path: transfer.fieldPath("id"), id: id)
      }
      guard let from = try node("from", in: transfer, topology: topology) else {
        throw .missingField(
          file: reader.file, line: item.line, path: transfer.fieldPath("from"),
          expected: "a node id")
      }
      guard let to = try node("to", in: transfer, topology: topology) else {
        throw .missingField(
          file: reader.file, line: item.line, path: transfer.fieldPath("to"), expected: "a node id")
      }
      guard let size = try transfer.byteCount("bytes") else {
        throw .missingField(
          file: reader.file, line: item.line, path: transfer.fieldPath("bytes"),
          expected: "a byte count")
      }
      let start = try transfer.duration("start") ?? .zero
      if start > SimulationHorizon.perActivity {
        throw .invalidValue(
          file: reader.file, line: item.line, path: transfer.fieldPath("start"), value: "\(start)",
          accepted: "a transfer must start within 100 years of simulated time")
      }
      try requireRoute(
        from: from, to: to, topology: topology, router: &router, reader: transfer,
        path: transfer.path)
      let transmission = SimulationHorizon.slowestTransmission(
        bytes: size.bytes, over: router.route(from: from, to: to)!, in: topology)
      if !SimulationHorizon.fits(transmission) {
        throw .invalidValue(
          file: reader.file, line: item.line, path: transfer.fieldPath("bytes"),
          value: "\(size.bytes)",
          accepted:
            "a message must cross its slowest link within 100 years of simulated time; this one "
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
    try reader.rejectUnknownFields(allowed: fedavgFields)
    let file = reader.file
    let server: NodeID
    if let named = try node("server", in: reader, topology: topology) {
      server = named
    } else {
      let servers = topology.nodes(withRole: .server)
      guard servers.count == 1 else {
        throw .missingField(
          file: file, line: reader.value.line, path: reader.fieldPath("server"),
          expected:
            "the server's node id (the topology has \(servers.count) nodes with role `server`, so it cannot be inferred)"
        )
      }
      server = servers[0].id
    }
    let clients =
      try nodeList("clients", in: reader, topology: topology)
      ?? topology.nodes(withRole: .client).map(\.id)
    if clients.isEmpty {
      throw .missingField(
        file: file, line: reader.value.line, path: reader.fieldPath("clients"),
        expected: "client node ids (no node has role `client`)")
    }
    var router = Router(topology: topology)
    for client in clients {
      try requireRoute(
        from: server, to: client, topology: topology, router: &router, reader: reader,
        path: reader.fieldPath("clients"))
    }
    let rounds = Int(try reader.integer("rounds", in: 1...1_000_000) ?? 10)
    let fraction = try reader.double("fraction", in: 0...1, openLower: true) ?? 0.1
    let epochs = Int(try reader.integer("epochs", in: 1...10_000) ?? 1)
    let batchSize = Int(try reader.integer("batchSize", in: 1...1_000_000) ?? 10)
    let learningRate = try reader.double("learningRate", in: 0...1_000, openLower: true) ?? 0.05
    let deadline = try reader.duration("deadline", allowZero: false)
    let training = try decodeTraining(reader, baseDirectory: baseDirectory)
    if case .placeholder(let parameters, let samples) = training {
      // 6 flop per parameter per sample per epoch, on the slowest client.
      let flops = 6 * Int128(parameters) * Int128(samples) * Int128(epochs)
      let slowest = clients.map { topology.nodes[$0.index].profile.flopsPerSecond }.min()!
      let longest = SimulationHorizon.duration(count: flops, perSecond: slowest)
      if flops > Int128(Int64.max) || !SimulationHorizon.fits(longest) {
        throw .invalidValue(
          file: file, line: reader.optional("training")!.line, path: reader.fieldPath("training"),
          value: "\(parameters) parameters × \(samples) samples × \(epochs) epochs",
          accepted:
            "one client's local training must take under 100 years of simulated time; this takes "
            + "\(SimulationHorizon.years(longest)) on the slowest client")
      }
      let modelBytes = ParameterWireFormat.wireSize(parameterCount: parameters).bytes
      for client in clients {
        let transmission = SimulationHorizon.slowestTransmission(
          bytes: modelBytes, over: router.route(from: server, to: client)!, in: topology)
        if !SimulationHorizon.fits(transmission) {
          throw .invalidValue(
            file: file, line: reader.optional("training")!.line, path: reader.fieldPath("training"),
            value: "\(parameters) parameters",
            accepted:
              "the model must reach each client within 100 years of simulated time; it would take "
              + "\(SimulationHorizon.years(transmission)) to reach `\(topology.nodes[client.index].name)`"
          )
        }
      }
    }
    let target = try reader.double("targetAccuracy", in: 0...1, openLower: true)
    var chain: ScenarioSpec.ChainSpec?
    if let chainReader = try reader.object("chain") {
      chain = try ChainDecoder.decode(chainReader, topology: topology, clients: clients)
      if case .learning(let learning) = training, learning.aggregation != .federatedAveraging {
        let trainingReader = try reader.object("training")!
        throw .invalidValue(
          file: file, line: trainingReader.optional("aggregation")!.line,
          path: trainingReader.fieldPath("aggregation"), value: "\"\(learning.aggregation)\"",
          accepted:
            "\"fedavg\" with a chain: the federation contract averages on chain (robust rules "
            + "run only with a server, without workload.chain)")
      }
    }
    return ScenarioSpec.FedAvgSpec(
      server: server, clients: clients, rounds: rounds, clientFraction: fraction, epochs: epochs,
      batchSize: batchSize, learningRate: learningRate, roundDeadline: deadline, training: training,
      targetAccuracy: target, chain: chain)
  }

  static func decodeTraining(_ reader: ObjectReader, baseDirectory: String?) throws(ScenarioError)
    -> ScenarioSpec.TrainingSpec
  {
    guard let training = try reader.object("training") else {
      throw .missingField(
        file: reader.file, line: reader.value.line, path: reader.fieldPath("training"),
        expected: "an object with kind \(trainingKinds.joined(separator: " or "))")
    }
    let kind = try training.choice("kind", from: trainingKinds) ?? "learning"
    if kind == "placeholder" {
      try training.rejectUnknownFields(allowed: ["kind", "parameters", "samplesPerClient"])
      let parameters = Int(try training.integer("parameters", in: 1...1_000_000_000) ?? 199_210)
      let samples = Int(try training.integer("samplesPerClient", in: 1...100_000_000) ?? 600)
      return .placeholder(parameters: parameters, samplesPerClient: samples)
    }
    try training.rejectUnknownFields(allowed: learningFields)
    func parsed<T, E: Error>(
      _ key: String, default fallback: String, _ parse: (String) throws(E) -> T
    )
      throws(ScenarioError) -> T
    {
      let text = try training.string(key) ?? fallback
      do {
        return try parse(text)
      } catch {
        throw .invalidValue(
          file: training.file, line: training.optional(key)?.line ?? training.value.line,
          path: training.fieldPath(key), value: "\"\(text)\"", accepted: "\(error)")
      }
    }
    let model = try parsed("model", default: "cnn:digits") { (text) throws(ModelError) in
      try ModelSpec(parsing: text)
    }
    var dataset = try parsed("dataset", default: "digits") { (text) throws(DatasetError) in
      try DatasetSpec(parsing: text)
    }
    if case .mnist(let directory) = dataset, !directory.hasPrefix("/"), let baseDirectory {
      dataset = .mnist(directory: baseDirectory + "/" + directory)
    }
    let partition = try parsed("partition", default: "iid") { (text) throws(PartitionError) in
      try PartitionScheme(parsing: text)
    }
    let aggregation = try parsed("aggregation", default: "fedavg") {
      (text) throws(AggregationError) in
      try AggregationSpec(parsing: text)
    }
    do {
      _ = try aggregation.makeRule()
    } catch {
      throw .invalidValue(
        file: training.file, line: training.optional("aggregation")?.line ?? training.value.line,
        path: training.fieldPath("aggregation"), value: "\"\(aggregation)\"", accepted: "\(error)")
    }
    let location = ScenarioSpec.SourceLocation(
      file: training.file, line: training.optional("dataset")?.line ?? training.value.line,
      path: training.fieldPath("dataset"))
    return .learning(
      ScenarioSpec.LearningSpec(
        model: model, dataset: dataset, datasetLocation: location, partition: partition,
        testFraction: try training.double("testFraction", in: 0...1, openLower: true) ?? 0.2,
        aggregation: aggregation,
        momentum: Float(try training.double("momentum", in: 0...0.999_999) ?? 0),
        weightDecay: Float(try training.double("weightDecay", in: 0...1) ?? 0),
        threads: Int(try training.integer("threads", in: 1...256) ?? 2)))
  }
}
