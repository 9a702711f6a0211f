import Learning
import Schemes
import SimCore

/// Builds the `SchemeComposition` a FedAvg workload names: its preset's stages after the
/// scenario's overrides (or, for a paired run's vanilla twin, the `fedavg` preset's), with the
/// data the stages need.
enum SchemeSetup {
  /// The composition of `fedavg`'s scheme, or of its vanilla twin when `twin` is set: the
  /// `fedavg` preset with the training's aggregation rule and the same behaviours.
  static func composition(
    _ fedavg: ScenarioSpec.FedAvgSpec, prepared: TrainingSetup.Prepared, twin: Bool
  ) throws(ScenarioError) -> SchemeComposition {
    let stages =
      twin ? SchemePreset.fedavg.stages(aggregation: fedavg.training.aggregation) : fedavg.stages
    let location = fedavg.stagesLocation
    func failure(_ stage: String, _ value: String, _ accepted: String) -> ScenarioError {
      .invalidValue(
        file: location.file, line: location.line, path: location.path + "." + stage,
        value: "\"\(value)\"", accepted: accepted)
    }
    let privacy: any UpdatePrivacy
    do {
      privacy = try stages.privacy.makePrivacy()
    } catch {
      throw failure("privacy", "\(stages.privacy)", error.accepted)
    }
    let aggregation: any AggregationRule
    do {
      aggregation = try stages.aggregation.makeRule()
    } catch {
      throw failure("aggregation", "\(stages.aggregation)", "\(error)")
    }
    let validators = fedavg.chain?.validators.count ?? 1
    let validation: (any UpdateValidation)?
    switch stages.validation {
    case .none:
      validation = nil
    case .norm(let bound):
      validation = NormValidation(bound: bound, validatorCount: validators)
    case .accuracy(let threshold, _):
      guard let model = prepared.model, let data = prepared.validationData else {
        throw failure(
          "validation", "\(stages.validation)",
          "none or norm:bound=B: accuracy validation needs a real model and its validation data")
      }
      validation = AccuracyValidation(
        architecture: model,
        validationSets: AccuracyValidation.split(data, validators: validators),
        threshold: threshold)
    }
    return SchemeComposition(
      federation: FedAvgConfiguration(
        server: fedavg.server, clients: fedavg.clients, rounds: fedavg.rounds,
        clientFraction: fedavg.clientFraction, roundDeadline: fedavg.roundDeadline),
      selection: stages.selection.makeSelection(), behaviours: fedavg.behaviours,
      privacy: privacy, validation: validation, aggregation: aggregation,
      selfAssessments: prepared.selfAssessments)
  }
}
