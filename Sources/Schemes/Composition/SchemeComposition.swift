import Learning
import SimCore

/// A scheme as a composition of stages (DESIGN §5): the federation's knobs and one value per
/// stage. A preset (`fedavg`, `bcfl`, `ll-bcfl`) is a named composition; a scenario may override
/// any stage. A paired run gives its twins the same selection and aggregation values (unless the
/// scheme's preset or overrides change them), so the two cannot drift apart.
public struct SchemeComposition: Sendable {
  /// Clients, rounds, C, the deadline, and (for a server) the server node.
  public var federation: FedAvgConfiguration
  /// Which clients train each round.
  public var selection: any ClientSelection
  /// How each client behaves (honest, silent, or an attack on its update), from which round.
  public var behaviours: BehaviourPlan
  /// What a client does to its update before it leaves the device.
  public var privacy: any UpdatePrivacy
  /// Whether an update may enter the aggregate: nil accepts every update. On a chain, the
  /// validators judge each update as they execute it.
  public var validation: (any UpdateValidation)?
  /// How the aggregator combines the updates it accepts: the same rule value for a server and a
  /// contract.
  public var aggregation: any AggregationRule
  /// Each client's self-assessment in [0, 1] (`SelfAssessment`), by client index: the prior of
  /// its reputation.
  public var selfAssessments: [Double]

  /// A composition of `federation` with the given stages; by default, vanilla FedAvg's.
  public init(
    federation: FedAvgConfiguration, selection: any ClientSelection = UniformSelection(),
    behaviours: BehaviourPlan = .everyoneHonest, privacy: any UpdatePrivacy = NoPrivacy(),
    validation: (any UpdateValidation)? = nil,
    aggregation: any AggregationRule = FederatedAveraging(), selfAssessments: [Double]? = nil
  ) {
    self.federation = federation
    self.selection = selection
    self.behaviours = behaviours
    self.privacy = privacy
    self.validation = validation
    self.aggregation = aggregation
    self.selfAssessments =
      selfAssessments ?? SelfAssessment.uniform(count: federation.clients.count)
    precondition(
      self.selfAssessments.count == federation.clients.count,
      "SchemeComposition: \(self.selfAssessments.count) self-assessments for \(federation.clients.count) clients"
    )
  }

  /// The reputation book every client starts with: its self-assessment, no evidence.
  public var initialReputation: ReputationBook {
    ReputationBook(selfAssessments: selfAssessments)
  }

  /// True when reputation matters to the scheme: it selects by it, or validation feeds it.
  public var tracksReputation: Bool {
    selection is ReputationSelection || validation != nil
  }

  /// True when the privacy stage does something (anything but `none`).
  var isPrivate: Bool { !(privacy is NoPrivacy) }

  /// True when updates are transformed after training: by an attack (other than a label flip,
  /// which is done while training) or by a privacy stage.
  var transformsUpdates: Bool { isPrivate || !behaviours.isEveryoneHonest }
}
