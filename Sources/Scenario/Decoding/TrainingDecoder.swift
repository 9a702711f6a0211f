import Learning
import Platform
import SimCore
import Traces

/// Decodes `workload.training`: a named placeholder, or real training, and checks that either
/// fits the run's memory and simulated time.
enum TrainingDecoder {
  typealias Schema = WorkloadSchema

  static func decode(
    _ fedavg: ObjectReader, baseDirectory: String?, clients: [NodeID], server: NodeID,
    topology: Topology, epochs: Int, fraction: Double
  ) throws(ScenarioError) -> ScenarioSpec.TrainingSpec {
    guard let value = try fedavg.read(Schema.training) else {
      throw .missingField(
        file: fedavg.file, line: fedavg.value.line, path: fedavg.path(of: Schema.training),
        expected: Schema.training.accepts)
    }
    let path = fedavg.path(of: Schema.training)
    let kind =
      try ObjectReader.discriminator(Schema.trainingKind, in: value, path: path, file: fedavg.file)
      ?? "learning"
    if kind == "placeholder" {
      let training = try ObjectReader(
        value, schema: Schema.placeholderSchema, path: path, file: fedavg.file)
      let parameters = try training.value(Schema.parameters)
      let samples = try training.value(Schema.samplesPerClient)
      try checkPlaceholderFits(
        parameters: parameters, samples: samples, epochs: epochs, clients: clients,
        server: server, topology: topology, in: training)
      return .placeholder(parameters: parameters, samplesPerClient: samples)
    }
    let training = try ObjectReader(
      value, schema: Schema.learningSchema, path: path, file: fedavg.file)
    let model = try parsed(Schema.model, in: training) { (text) throws(ModelError) in
      try ModelSpec(parsing: text)
    }
    try checkModelFits(model, clients: clients.count, fraction: fraction, in: training)
    var dataset = try parsed(Schema.dataset, in: training) { (text) throws(DatasetError) in
      try DatasetSpec(parsing: text)
    }
    if case .synthetic(let recipe) = dataset {
      let floats = recipe.sampleCount.multipliedReportingOverflow(by: recipe.featureCount)
      if floats.overflow || floats.partialValue > ScenarioLimits.syntheticFloats {
        throw training.violation(
          Schema.dataset, value: "\(recipe.sampleCount) samples × \(recipe.featureCount) features",
          accepted: "at most \(grouped(ScenarioLimits.syntheticFloats)) floats "
            + "(samples × features; README, Limits)")
      }
    }
    if case .mnist(let directory) = dataset {
      dataset = .mnist(directory: InputFile.resolved(directory, against: baseDirectory))
    }
    let partition = try parsed(Schema.partition, in: training) {
      (text) throws(PartitionError) in
      try PartitionScheme(parsing: text)
    }
    let aggregation = try parsed(Schema.aggregation, in: training) {
      (text) throws(AggregationError) in
      try AggregationSpec(parsing: text)
    }
    do {
      _ = try aggregation.makeRule()
    } catch {
      throw training.violation(
        Schema.aggregation, value: "\"\(aggregation)\"", accepted: "\(error)")
    }
    let location = ScenarioSpec.SourceLocation(
      file: training.file, line: training.line(of: Schema.dataset),
      path: training.path(of: Schema.dataset))
    return .learning(
      ScenarioSpec.LearningSpec(
        model: model, dataset: dataset, datasetLocation: location, partition: partition,
        testFraction: try training.value(Schema.testFraction),
        aggregation: aggregation,
        momentum: Float(try training.value(Schema.momentum)),
        weightDecay: Float(try training.value(Schema.weightDecay)),
        threads: try training.value(Schema.threads)))
  }

  /// The value of a text field parsed by one of `Learning`'s spec parsers.
  static func parsed<T, E: Error>(
    _ field: Field<String>, in reader: ObjectReader, _ parse: (String) throws(E) -> T
  ) throws(ScenarioError) -> T {
    let text = try reader.value(field)
    do {
      return try parse(text)
    } catch {
      throw reader.violation(field, value: "\"\(text)\"", accepted: "\(error)")
    }
  }

  // MARK: - Limits

  /// Refuses a model whose copies for one round would not fit: `ScenarioLimits.modelParameters`
  /// per copy, `ScenarioLimits.roundModelBytes` for the sampled clients' copies together.
  static func checkModelFits(
    _ model: ModelSpec, clients: Int, fraction: Double, in training: ObjectReader
  ) throws(ScenarioError) {
    let parameters = parameterCount(of: model)
    if parameters > Int128(ScenarioLimits.modelParameters) {
      throw training.violation(
        Schema.model, value: "\"\(model)\" (\(parameters) parameters)",
        accepted: "at most \(grouped(ScenarioLimits.modelParameters)) parameters (README, Limits)")
    }
    // Sampling takes max(1, round(C · K)) clients; round up here to stay on the safe side.
    let sampled = Int128(max(1, (fraction * Double(clients)).rounded(.up)))
    let bytes = sampled * parameters * 4
    if bytes > Int128(ScenarioLimits.roundModelBytes) {
      throw training.violation(
        Schema.model, value: "\"\(model)\" with \(sampled) clients a round",
        accepted: "a round's client models must fit in \(ScenarioLimits.roundModelBytes >> 30) "
          + "GiB (sampled clients × parameters × 4 bytes; README, Limits): sample fewer clients "
          + "or use a smaller model")
    }
  }

  /// The trainable parameters of `model`, exactly, without building it.
  static func parameterCount(of model: ModelSpec) -> Int128 {
    switch model {
    case .mlp(let widths):
      var total: Int128 = 0
      for index in 1..<widths.count {
        total += Int128(widths[index - 1]) * Int128(widths[index]) + Int128(widths[index])
      }
      return total
    // McMahan et al.'s MNIST CNN and its digits variant (ModelSpec's documentation).
    case .cnnMNIST: return 1_663_370
    case .cnnDigits: return 22_154
    }
  }

  /// Refuses placeholder training whose local training or model broadcast would take longer than
  /// one activity may (`SimulationHorizon.perActivity`).
  static func checkPlaceholderFits(
    parameters: Int, samples: Int, epochs: Int, clients: [NodeID], server: NodeID,
    topology: Topology, in training: ObjectReader
  ) throws(ScenarioError) {
    // 6 flop per parameter per sample per epoch, on the slowest client.
    let flops = 6 * Int128(parameters) * Int128(samples) * Int128(epochs)
    let slowest = clients.map { topology.nodes[$0.index].profile.flopsPerSecond }.min() ?? 1
    let longest = SimulationHorizon.duration(count: flops, perSecond: slowest)
    if flops > Int128(Int64.max) || !SimulationHorizon.fits(longest) {
      throw training.violation(
        Schema.parameters,
        value: "\(parameters) parameters × \(samples) samples × \(epochs) epochs",
        accepted:
          "one client's local training must take under 100 years of simulated time; this takes "
          + "\(SimulationHorizon.years(longest)) on the slowest client")
    }
    let modelBytes = ParameterWireFormat.wireSize(parameterCount: parameters).bytes
    var router = Router(topology: topology)
    for client in clients {
      // Decoding has checked that every client is connected to the server.
      guard let route = router.route(from: server, to: client) else { continue }
      let transmission = SimulationHorizon.slowestTransmission(
        bytes: modelBytes, over: route, in: topology)
      if !SimulationHorizon.fits(transmission + Int128(route.latency.nanoseconds)) {
        throw training.violation(
          Schema.parameters, value: "\(parameters) parameters",
          accepted:
            "the model must reach each client within 100 years of simulated time; it would take "
            + "\(SimulationHorizon.years(transmission)) to reach `\(topology.nodes[client.index].name)`"
        )
      }
    }
  }
}
