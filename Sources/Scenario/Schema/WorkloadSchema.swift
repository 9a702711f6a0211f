import Learning
import Schemes
import SimCore

/// The `workload` object: `transfers` or `fedavg`.
enum WorkloadSchema {
  static let kinds = ["transfers", "fedavg"]
  static let kind = Field.choice("kind", from: kinds, default: nil, help: "What runs.")

  // MARK: - transfers

  static let transfers = Field.structure(
    "transfers", accepts: "a non-empty array of transfer objects", defaultText: "required",
    help: "The messages: see `workload.transfers[]`.")

  static let transfersSchema = ObjectSchema(
    path: "workload (kind \"transfers\")", summary: "Scheduled messages, and nothing else.",
    rows: [kind.row, transfers.row])

  static let transferID = Field.string(
    "id", accepts: "a transfer id", default: nil,
    help: "A unique name, kept in `transfers.csv`'s `transfer` column.",
    check: TopologySchema.checkID)
  static let from = Field.string("from", accepts: "a node id", default: nil, help: "The sender.")
  static let to = Field.string("to", accepts: "a node id", default: nil, help: "The receiver.")
  static let bytes = Field.bytes(
    "bytes", in: 0...ScenarioLimits.transferBytes, default: nil, help: "The message's size.")
  static let start = Field.duration(
    "start", in: .nanoseconds(1)...SimulationHorizon.perActivity, allowsZero: true,
    default: .zero, help: "When the message is sent.")

  static let transferSchema = ObjectSchema(
    path: "workload.transfers[]", summary: "One message.",
    rows: [transferID.row, from.row, to.row, bytes.row, start.row])

  // MARK: - fedavg

  static let server = Field.string(
    "server", accepts: "a node id", default: nil, help: "The aggregator.",
    defaultText: "the one node with role `server`")
  static let clients = Field.structure(
    "clients", accepts: "an array of distinct node ids",
    defaultText: "every node with role `client`",
    help: "The federation's clients.")
  /// The rounds a workload may run, and so the rounds a behaviour may start from.
  static let roundRange = 1...1_000_000
  static let rounds = Field.integer(
    "rounds", in: roundRange, default: 10, help: "FL rounds to run.")
  static let fraction = Field.number(
    "fraction", in: 0...1, openLower: true, default: 0.1,
    help: "C: the share of clients sampled each round (at least one).")
  static let epochs = Field.integer(
    "epochs", in: 1...10_000, default: 1, help: "E: local passes over a client's data per round.")
  static let batchSize = Field.integer(
    "batchSize", in: 1...1_000_000, default: 10, help: "B: the local minibatch size.")
  static let learningRate = Field.number(
    "learningRate", in: 0...1_000, openLower: true, default: 0.05, help: "The local SGD step.")
  static let deadline = Field.duration(
    "deadline", in: .nanoseconds(1)...SimulationHorizon.perActivity, default: nil,
    help: "A round closes at this age with the updates it has.", defaultText: "none")
  static let training = Field.structure(
    "training", accepts: "an object with kind placeholder or learning", defaultText: "required",
    help: "Where the training work comes from: see `workload.training`.")
  static let targetAccuracy = Field.number(
    "targetAccuracy", in: 0...1, openLower: true, default: nil,
    help: "The accuracy whose first reaching `summary.csv` reports (`time_to_target_ns`).")
  static let chain = Field.structure(
    "chain", accepts: "an object", defaultText: "none (vanilla FedAvg)",
    help: "Runs blockchain FL on this chain, paired with its vanilla twin: see `workload.chain`.")
  static let scheme = Field.choice(
    "scheme", from: SchemePreset.allCases.map(\.rawValue), default: nil,
    help: "The preset the scheme starts from: see README, Schemes and stages. `bcfl` and "
      + "`ll-bcfl` need `chain`; `fedavg` refuses one.",
    defaultText: "\"bcfl\" with a `chain`, else \"fedavg\"")
  static let stages = Field.structure(
    "stages", accepts: "an object", defaultText: "the preset's stages",
    help: "Overrides of the preset's stages: see `workload.stages`.")
  static let behaviours = Field.structure(
    "behaviours", accepts: "an array of behaviour objects", defaultText: "none (all honest)",
    help: "Clients that misbehave, from a round on; a later entry wins: see "
      + "`workload.behaviours[]`.")

  static let fedavgSchema = ObjectSchema(
    path: "workload (kind \"fedavg\")",
    summary: "Federated averaging rounds, with a server or on a chain.",
    rows: [
      kind.row, server.row, clients.row, rounds.row, fraction.row, epochs.row, batchSize.row,
      learningRate.row, deadline.row, training.row, targetAccuracy.row, chain.row, scheme.row,
      stages.row, behaviours.row,
    ])

  // MARK: - training

  static let trainingKind = Field.choice(
    "kind", from: ["placeholder", "learning"], default: "learning",
    help: "Real training, or a named placeholder that only charges time.")
  static let parameters = Field.integer(
    "parameters", in: 1...1_000_000_000, default: 199_210,
    help: "The placeholder model's parameter count (sizes its messages and work).")
  static let samplesPerClient = Field.integer(
    "samplesPerClient", in: 1...100_000_000, default: 600,
    help: "The placeholder's samples per client (sizes its work).")

  static let placeholderSchema = ObjectSchema(
    path: "workload.training (kind \"placeholder\")",
    summary: "**Placeholder** training: time and bytes without a real model.",
    rows: [trainingKind.row, parameters.row, samplesPerClient.row])

  static let model = Field.string(
    "model", accepts: "mlp:W0-…-Wn, cnn:mnist or cnn:digits", default: "cnn:digits",
    help: "The network: see README, Models.")
  static let dataset = Field.string(
    "dataset", accepts: "digits, mnist:<directory> or synthetic:key=value,…", default: "digits",
    help: "The data set; a relative MNIST directory is resolved against the scenario's folder.")
  static let partition = Field.string(
    "partition", accepts: "iid, pathological[:S], dirichlet:α[:minimum] or unbalanced:σ",
    default: "iid",
    help: "How the training set is dealt to clients.")
  static let testFraction = Field.number(
    "testFraction", in: 0...1, openLower: true, default: 0.2,
    help: "Share held out for testing, for data sets without an official test split.")
  static let aggregation = Field.string(
    "aggregation", accepts: "fedavg, median, trimmed-mean:β, krum:f or multi-krum:f:m",
    default: "fedavg",
    help: "The aggregation rule, by the server or the contract (metered in gas); "
      + "`workload.stages.aggregation`, when given, replaces it for the scheme, not the twin.")
  static let momentum = Field.number(
    "momentum", in: 0...0.999_999, default: 0, help: "Local SGD momentum.")
  static let weightDecay = Field.number(
    "weightDecay", in: 0...1, default: 0, help: "Local L2 weight decay.")
  static let threads = Field.integer(
    "threads", in: 1...256, default: 2,
    help: "Host threads for one round's trainings; results do not depend on it.")

  static let learningSchema = ObjectSchema(
    path: "workload.training (kind \"learning\")",
    summary: "Real training of a real model on a real data set.",
    rows: [
      trainingKind.row, model.row, dataset.row, partition.row, testFraction.row,
      aggregation.row, momentum.row, weightDecay.row, threads.row,
    ])

  static var all: [ObjectSchema] {
    [transfersSchema, transferSchema, fedavgSchema, placeholderSchema, learningSchema]
  }
}
