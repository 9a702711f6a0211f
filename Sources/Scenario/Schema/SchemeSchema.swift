import Learning
import Schemes

/// `workload.stages` and `workload.behaviours[]`: overrides of a FedAvg workload's preset stages,
/// and the clients that misbehave. (`workload.scheme`, the preset, is a field of the workload.)
///
/// Each stage field is parsed by its stage's own spec parser (`SelectionSpec`, `PrivacySpec`,
/// `ValidationSpec`, `AggregationSpec`, `ClientConduct`), whose error says what is accepted; the
/// `accepts` phrases here are the short forms the field tables show.
enum SchemeSchema {
  // MARK: - stages

  static let selection = Field<SelectionSpec>.spec(
    "selection", accepts: "all, uniform, stake, reputation or reputation:top=N (N ≥ 1)",
    defaultText: presetDefault { $0.selection.description },
    help: "Who trains each round: every client; C·K clients uniformly at random; C·K drawn by "
      + "stake; or the top N (default C·K) by reputation."
  ) { (text) throws(StageSpecError) in try SelectionSpec(parsing: text) }

  static let privacy = Field<PrivacySpec>.spec(
    "privacy",
    accepts:
      "none, ldp:laplace:epsilon=E:clip=C or ldp:gaussian:epsilon=E:delta=D:clip=C (keys in "
      + "any order; E > 0, C > 0, 0 < D < 1)",
    defaultText: presetDefault { $0.privacy.description },
    help: "What a client does to its update before sending it: nothing, or local DP (clip to "
      + "norm C, then Laplace or Gaussian noise at ε = E per update)."
  ) { (text) throws(StageSpecError) in try PrivacySpec(parsing: text) }

  static let validation = Field<ValidationSpec>.spec(
    "validation",
    accepts:
      "none, norm:bound=B (B > 0), accuracy:threshold=T or accuracy:margin=M (T, M in [0, 1]), "
      + "the last two optionally followed by :validation=V (V in (0, 0.5], default 0.1)",
    defaultText: presetDefault { $0.validation.description },
    help: "How the chain's validators check each update before it counts: not at all, its "
      + "distance to the global model, or its accuracy on V of the data held out (learning "
      + "training only); anything but none needs `workload.chain`."
  ) { (text) throws(StageSpecError) in try ValidationSpec(parsing: text) }

  static let aggregation = Field<AggregationSpec>.spec(
    "aggregation", accepts: "fedavg, median, trimmed-mean:β, krum:f or multi-krum:f:m",
    defaultText: "`workload.training.aggregation` (placeholder training: \"fedavg\")",
    help: "The scheme's aggregation rule, by the server or the contract (metered in gas); it "
      + "wins over `workload.training.aggregation`, which stays the vanilla twin's."
  ) { (text) throws(AggregationError) in
    let rule = try AggregationSpec(parsing: text)
    _ = try rule.makeRule()
    return rule
  }

  static let stagesSchema = ObjectSchema(
    path: "workload.stages",
    summary: "Overrides of the preset's stages (`workload.scheme`): a stage given here replaces "
      + "the preset's, the others stay.",
    rows: [selection.row, privacy.row, validation.row, aggregation.row])

  /// The stage of `fedavg` (and `bcfl`, which shares it), with each preset that differs after
  /// it: `"none" (ll-bcfl: "ldp:laplace:epsilon=100000.0:clip=100.0")`. Rendered from the presets
  /// themselves, so the docs follow them.
  private static func presetDefault(_ stage: (StageChoices) -> String) -> String {
    func text(_ preset: SchemePreset) -> String {
      stage(preset.stages(aggregation: .federatedAveraging))
    }
    let base = text(.fedavg)
    let others = SchemePreset.allCases.filter { text($0) != base }
      .map { "\($0): \"\(text($0))\"" }
    return "the preset's: \"\(base)\""
      + (others.isEmpty ? "" : " (\(others.joined(separator: "; ")))")
  }

  // MARK: - behaviours

  static let behaviourClients = Field.structure(
    "clients", accepts: "a non-empty array of distinct node ids, each one of `workload.clients`",
    defaultText: "required", help: "The clients this behaviour applies to.")

  static let attack = Field<ClientConduct>.spec(
    "attack",
    accepts:
      "honest, silent, label-flip, sign-flip, scale:k (k finite), noise:σ (σ finite > 0) or "
      + "free-rider",
    defaultText: "required",
    help: "How they behave: honestly, never uploading, or attacking their update (flipped "
      + "labels, −Δ, k·Δ, Δ + N(0, σ²), or no training and Δ = 0); attacks need learning "
      + "training."
  ) { (text) throws(StageSpecError) in try ClientConduct(parsing: text) }

  static let fromRound = Field.integer(
    "fromRound", in: WorkloadSchema.roundRange, default: 1,
    help: "The first round (1-based) the behaviour applies to; from it on, it overrides the "
      + "entries before it for these clients.")

  static let behaviourSchema = ObjectSchema(
    path: "workload.behaviours[]",
    summary: "Clients that behave otherwise than honestly from a round on. A client's conduct in "
      + "a round is that of the last entry naming it whose `fromRound` has come; honest if none.",
    rows: [behaviourClients.row, attack.row, fromRound.row])

  static var all: [ObjectSchema] { [stagesSchema, behaviourSchema] }
}
