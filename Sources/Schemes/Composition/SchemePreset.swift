import Learning

/// A named composition (`workload.scheme`): which stages a scheme starts from before a scenario's
/// `workload.stages` overrides any of them (DESIGN §4).
public enum SchemePreset: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// McMahan et al.'s FedAvg with a server: uniform selection, no privacy transform, no
  /// validation. Every paired run's vanilla twin.
  case fedavg
  /// The first blockchain FL scheme: FedAvg's stages, with a federation contract on a chain in
  /// place of the server.
  case bcfl
  /// LL-BCFL (seed 003): reputation-ranked selection, local DP noise on each update, and
  /// validators that check each update's accuracy on their own data, on a chain.
  case llBcfl = "ll-bcfl"

  /// The scenario spelling.
  public var description: String { rawValue }

  /// Whether the preset runs on a chain (`workload.chain` required).
  public var needsChain: Bool { self != .fedavg }

  /// The preset's stages, with `aggregation` (the training's rule) as its aggregation.
  public func stages(aggregation: AggregationSpec) -> StageChoices {
    switch self {
    case .fedavg, .bcfl:
      StageChoices(
        selection: .uniform, privacy: .noPrivacy, validation: .none, aggregation: aggregation)
    case .llBcfl:
      StageChoices(
        selection: .reputation(top: nil), privacy: Self.llBcflPrivacy,
        validation: .accuracy(.relative(margin: 0.3), validationFraction: 0.1),
        aggregation: aggregation)
    }
  }

  /// LL-BCFL's local DP: Laplace noise on each update clipped to L1 norm 100, at ε = 10⁵ per
  /// update. The paper states no ε. Local DP of a whole update is calibrated to its L1
  /// sensitivity, so the noise per coordinate is 2C/ε: at ε = 10 the default scenario's model
  /// stays at chance; this ε keeps the mechanism in the loop while the model learns (README,
  /// Schemes and stages, gives the measurements).
  static let llBcflPrivacy = PrivacySpec.localDifferentialPrivacy(
    noise: .laplace, epsilon: 100_000, clip: 100)
}
