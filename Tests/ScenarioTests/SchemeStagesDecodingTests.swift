import Learning
import Schemes
import SimCore
import Testing

@testable import Scenario

/// `workload.scheme`, `workload.stages` and `workload.behaviours` (issue #10 §3): the preset and
/// its defaults, overrides that replace one stage each, behaviours that become a `BehaviourPlan`,
/// and one `ScenarioError` naming the exact field and value for every input that does not fit.
struct SchemeStagesDecodingTests {
  // MARK: - Fixtures

  static let target = #""targetAccuracy": 0.9,"#
  static let learningTraining =
    #""training": {"kind": "learning", "model": "mlp:64-16-10", "threads": 2, "dataset": "digits"}"#
  static let placeholderTraining =
    #""training": {"kind": "placeholder", "parameters": 1000, "samplesPerClient": 10}"#

  /// The small default scenario (12 clients c0…c11, 3 rounds, an MLP on digits), with or without
  /// its PoA chain, with `members` added to its workload, `training` members added to its
  /// learning training, or placeholder training instead.
  static func scenario(
    _ members: String = "", chain: Bool, placeholder: Bool = false, training: String = ""
  ) throws -> String {
    var text = try ExperimentTests.smallDefaultText(chain: chain)
    precondition(
      text.contains(target) && text.contains(learningTraining), "default scenario changed shape")
    if !members.isEmpty { text = text.replacingFirst(target, with: target + " " + members + ",") }
    if placeholder { text = text.replacingFirst(learningTraining, with: placeholderTraining) }
    if !training.isEmpty {
      text = text.replacingFirst(
        #""dataset": "digits"}"#, with: #""dataset": "digits", \#(training)}"#)
    }
    return text
  }

  /// The FedAvg workload `text` decodes to.
  private func fedavg(_ text: String) throws -> ScenarioSpec.FedAvgSpec {
    let spec = try ScenarioDecoder.decode(text, file: "scheme.json")
    guard case .fedavg(let fedavg) = spec.workload else {
      Issue.record("not a fedavg workload")
      throw ScenarioError.unreadable(file: "scheme.json", reason: "not fedavg")
    }
    return fedavg
  }

  /// The error decoding `text` throws, or nil when it decodes.
  private func error(_ text: String) -> ScenarioError? {
    do {
      _ = try ScenarioDecoder.decode(text, file: "scheme.json")
      return nil
    } catch {
      return error
    }
  }

  static let fedavgStages = StageChoices(
    selection: .uniform, privacy: .noPrivacy, validation: .none, aggregation: .federatedAveraging)

  // MARK: - Presets and defaults

  @Test func withoutSchemeOrChainTheSchemeIsFedAvgWithUniformSelectionAndNothingElse() throws {
    let decoded = try fedavg(try Self.scenario(chain: false))
    #expect(decoded.preset == .fedavg)
    #expect(decoded.stages == Self.fedavgStages)
    #expect(decoded.behaviours == .everyoneHonest)
    // Without a `stages` object the location is the workload's own line, under the stages path.
    #expect(decoded.stagesLocation.path == "workload.stages")
    #expect(decoded.stagesLocation.file == "scheme.json")
  }

  @Test func withAChainAndNoSchemeTheSchemeIsBCFLWithFedAvgsStages() throws {
    let decoded = try fedavg(try Self.scenario(chain: true))
    #expect(decoded.preset == .bcfl)
    #expect(decoded.stages == Self.fedavgStages)
  }

  @Test func llBcflStartsFromReputationLaplaceLDPAndRelativeAccuracyWithTheTrainingsRule()
    throws
  {
    let decoded = try fedavg(
      try Self.scenario(
        #""scheme": "ll-bcfl""#, chain: true, training: #""aggregation": "trimmed-mean:0.1""#))
    #expect(decoded.preset == .llBcfl)
    #expect(decoded.stages.selection == .reputation(top: nil))
    #expect(
      decoded.stages.privacy
        == .localDifferentialPrivacy(noise: .laplace, epsilon: 100_000, clip: 100))
    #expect(
      decoded.stages.validation == .accuracy(.relative(margin: 0.3), validationFraction: 0.1))
    #expect(decoded.stages.aggregation == .trimmedMean(trimFraction: 0.1))
  }

  @Test func placeholderTrainingAggregatesWithFedAvg() throws {
    let decoded = try fedavg(try Self.scenario(chain: true, placeholder: true))
    #expect(decoded.stages.aggregation == .federatedAveraging)
  }

  // MARK: - Overrides

  @Test func anOverrideReplacesOnlyItsStage() throws {
    let decoded = try fedavg(
      try Self.scenario(
        #""scheme": "ll-bcfl", "stages": {"selection": "reputation:top=4", "privacy": "none"}"#,
        chain: true))
    #expect(decoded.stages.selection == .reputation(top: 4))
    #expect(decoded.stages.privacy == .noPrivacy)
    // The preset's validation and the training's aggregation stay.
    #expect(
      decoded.stages.validation == .accuracy(.relative(margin: 0.3), validationFraction: 0.1))
    #expect(decoded.stages.aggregation == .federatedAveraging)
  }

  @Test func everyStageCanBeOverriddenOnBCFL() throws {
    let decoded = try fedavg(
      try Self.scenario(
        #"""
        "stages": {"selection": "stake", "privacy": "ldp:gaussian:clip=2:epsilon=1:delta=0.00001",
          "validation": "norm:bound=5", "aggregation": "krum:1"}
        """#, chain: true))
    #expect(decoded.preset == .bcfl)
    #expect(
      decoded.stages
        == StageChoices(
          selection: .stake,
          privacy: .localDifferentialPrivacy(noise: .gaussian(delta: 0.00001), epsilon: 1, clip: 2),
          validation: .norm(bound: 5), aggregation: .krum(byzantineCount: 1)))
  }

  @Test func aMedianStageRunsOnAChainWhereItWasOnceRefused() throws {
    let decoded = try fedavg(
      try Self.scenario(#""stages": {"aggregation": "median"}"#, chain: true))
    #expect(decoded.stages.aggregation == .coordinateMedian)
    // A robust training rule with a chain decodes too: the contract meters it in gas.
    let robust = try fedavg(try Self.scenario(chain: true, training: #""aggregation": "krum:2""#))
    #expect(robust.stages.aggregation == .krum(byzantineCount: 2))
  }

  @Test func theAggregationStageWinsForTheSchemeAndTheTrainingKeepsItsOwnRule() throws {
    let decoded = try fedavg(
      try Self.scenario(
        #""stages": {"aggregation": "median"}"#, chain: true,
        training: #""aggregation": "trimmed-mean:0.2""#))
    #expect(decoded.stages.aggregation == .coordinateMedian)
    guard case .learning(let learning) = decoded.training else {
      Issue.record("not learning training")
      return
    }
    #expect(learning.aggregation == .trimmedMean(trimFraction: 0.2))
  }

  @Test func theStagesLocationIsTheLineOfTheStagesObject() throws {
    let text = try Self.scenario(#""stages": {"selection": "all"}"#, chain: false)
    let decoded = try fedavg(text)
    // The members are added on the `targetAccuracy` line.
    let line = try #require(
      text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
        $0.contains("\"stages\"")
      })
    #expect(decoded.stagesLocation.line == line + 1)
    #expect(decoded.stagesLocation.path == "workload.stages")
    #expect(decoded.stages.selection == .all)
  }

  @Test func placeholderTrainingAcceptsSilenceAndLlBcflWithoutAccuracyValidation() throws {
    let decoded = try fedavg(
      try Self.scenario(
        #"""
        "scheme": "ll-bcfl", "stages": {"validation": "norm:bound=3"},
          "behaviours": [{"clients": ["c1"], "attack": "silent"}, {"clients": ["c2"], "attack": "honest"}]
        """#, chain: true, placeholder: true))
    #expect(decoded.stages.validation == .norm(bound: 3))
    #expect(decoded.behaviours.conduct(of: ClientID(1), inRound: 1) == .silent)
  }

  // MARK: - Behaviours

  @Test func behavioursBecomeAPlanInWhichALaterRuleWinsFromItsRound() throws {
    let decoded = try fedavg(
      try Self.scenario(
        #"""
        "behaviours": [
            {"clients": ["c3", "c7"], "attack": "label-flip", "fromRound": 2},
            {"clients": ["c7"], "attack": "scale:10", "fromRound": 3},
            {"clients": ["c11"], "attack": "free-rider"}]
        """#, chain: true))
    let plan = decoded.behaviours
    #expect(
      plan.rules == [
        .init(clients: [ClientID(3), ClientID(7)], conduct: .attack(.labelFlip), fromRound: 2),
        .init(clients: [ClientID(7)], conduct: .attack(.scale(factor: 10)), fromRound: 3),
        .init(clients: [ClientID(11)], conduct: .attack(.freeRider), fromRound: 1),
      ])
    // c3 is honest before its round and flips labels from it on.
    #expect(plan.conduct(of: ClientID(3), inRound: 1) == .honest)
    #expect(plan.conduct(of: ClientID(3), inRound: 2) == .attack(.labelFlip))
    #expect(plan.conduct(of: ClientID(3), inRound: 3) == .attack(.labelFlip))
    // c7 flips labels in round 2, then the later rule takes over.
    #expect(plan.conduct(of: ClientID(7), inRound: 2) == .attack(.labelFlip))
    #expect(plan.conduct(of: ClientID(7), inRound: 3) == .attack(.scale(factor: 10)))
    // fromRound defaults to 1; a client no rule names stays honest.
    #expect(plan.conduct(of: ClientID(11), inRound: 1) == .attack(.freeRider))
    #expect(plan.conduct(of: ClientID(0), inRound: 3) == .honest)
  }

  @Test func aBehavioursClientIsNumberedByItsPlaceInWorkloadClients() throws {
    // With `clients` listed, c3 is the workload's second client: ClientID(1).
    let decoded = try fedavg(
      try Self.scenario(
        #""clients": ["c5", "c3"], "behaviours": [{"clients": ["c3"], "attack": "sign-flip"}]"#,
        chain: false))
    #expect(decoded.behaviours.conduct(of: ClientID(1), inRound: 1) == .attack(.signFlip))
    #expect(decoded.behaviours.conduct(of: ClientID(0), inRound: 1) == .honest)
    // c7 is a node with role `client`, but not one of this workload's clients.
    let found = error(
      try Self.scenario(
        #""clients": ["c5", "c3"], "behaviours": [{"clients": ["c7"], "attack": "sign-flip"}]"#,
        chain: false))
    #expect(
      found?.description.contains(
        "workload.behaviours[0].clients[0] = \"c7\" is not accepted; a client of this workload")
        == true, "\(String(describing: found))")
  }

  @Test func anEmptyBehaviourListIsEveryoneHonest() throws {
    let decoded = try fedavg(try Self.scenario(#""behaviours": []"#, chain: false))
    #expect(decoded.behaviours.isEveryoneHonest)
  }

  // MARK: - Errors

  /// One input that must be refused: what is added to the workload, with or without a chain or
  /// placeholder training, and the text its error must hold (the dotted path, the bad value, and
  /// a piece of what is accepted).
  struct Refusal: Sendable, CustomTestStringConvertible {
    var label: String
    var members: String
    var chain: Bool
    var placeholder = false
    var training = ""
    var expected: [String]

    var testDescription: String { label }
  }

  static let refusals: [Refusal] = [
    Refusal(
      label: "an unknown preset", members: #""scheme": "fedprox""#, chain: true,
      expected: [
        #"workload.scheme = "fedprox" is not accepted"#, #"one of: "fedavg", "bcfl", "ll-bcfl""#,
      ]),
    Refusal(
      label: "an unknown selection", members: #""stages": {"selection": "random"}"#, chain: true,
      expected: [
        #"workload.stages.selection = "random" is not accepted"#,
        "unknown selection `random`; accepted: all, uniform, stake",
      ]),
    Refusal(
      label: "a privacy stage out of range",
      members: #""stages": {"privacy": "ldp:laplace:epsilon=0:clip=1"}"#, chain: true,
      expected: [#"workload.stages.privacy = "ldp:laplace:epsilon=0:clip=1" is not accepted"#]),
    Refusal(
      label: "an unknown validation", members: #""stages": {"validation": "vote"}"#, chain: true,
      expected: [
        #"workload.stages.validation = "vote" is not accepted"#, "unknown validation `vote`",
      ]),
    Refusal(
      label: "an unknown aggregation", members: #""stages": {"aggregation": "mean"}"#, chain: true,
      expected: [
        #"workload.stages.aggregation = "mean" is not accepted"#,
        "aggregation rule `mean` is unknown",
      ]),
    Refusal(
      label: "an unknown key in stages", members: #""stages": {"rotation": "all"}"#, chain: true,
      expected: [
        "unknown field workload.stages.rotation",
        "accepted fields here: selection, privacy, validation, aggregation",
      ]),
    Refusal(
      label: "stages that are not an object", members: #""stages": "ll-bcfl""#, chain: true,
      expected: ["workload.stages is a string; expected an object"]),
    Refusal(
      label: "an unknown attack",
      members: #""behaviours": [{"clients": ["c3"], "attack": "poison"}]"#, chain: true,
      expected: [
        #"workload.behaviours[0].attack = "poison" is not accepted"#,
        "unknown attack `poison`; accepted: honest, silent, label-flip",
      ]),
    Refusal(
      label: "a behaviour naming a node that is not a client",
      members: #""behaviours": [{"clients": ["c3", "e0"], "attack": "sign-flip"}]"#, chain: true,
      expected: [
        #"workload.behaviours[0].clients[1] = "e0" is not accepted"#,
        "a client of this workload (see `workload.clients`); `e0` is not one",
      ]),
    Refusal(
      label: "a behaviour naming an unknown node",
      members:
        #""behaviours": [{"clients": ["c3"], "attack": "honest"}, {"clients": ["c99"], "attack": "silent"}]"#,
      chain: true,
      expected: ["workload.behaviours[1].clients[0] names unknown node `c99`"]),
    Refusal(
      label: "a behaviour naming a client twice",
      members: #""behaviours": [{"clients": ["c3", "c3"], "attack": "silent"}]"#, chain: true,
      expected: ["workload.behaviours[0].clients[1] repeats the id `c3`"]),
    Refusal(
      label: "a behaviour naming no client",
      members: #""behaviours": [{"clients": [], "attack": "silent"}]"#, chain: true,
      expected: ["workload.behaviours[0].clients = [] is not accepted"]),
    Refusal(
      label: "a behaviour without clients",
      members: #""behaviours": [{"attack": "silent"}]"#, chain: true,
      expected: ["workload.behaviours[0].clients is missing"]),
    Refusal(
      label: "a behaviour from round 0",
      members: #""behaviours": [{"clients": ["c3"], "attack": "silent", "fromRound": 0}]"#,
      chain: true,
      expected: ["workload.behaviours[0].fromRound = 0 is not accepted"]),
    Refusal(
      label: "an unknown key in a behaviour",
      members: #""behaviours": [{"clients": ["c3"], "attack": "silent", "round": 2}]"#,
      chain: true,
      expected: ["unknown field workload.behaviours[0].round"]),
    Refusal(
      label: "an attack with placeholder training",
      members: #""behaviours": [{"clients": ["c3"], "attack": "sign-flip"}]"#, chain: true,
      placeholder: true,
      expected: [
        #"workload.behaviours[0].attack = "sign-flip" is not accepted"#,
        "attacks transform real updates",
      ]),
    Refusal(
      label: "accuracy validation with placeholder training",
      members: #""stages": {"validation": "accuracy:margin=0.05"}"#, chain: true,
      placeholder: true,
      expected: [
        #"workload.stages.validation = "accuracy:margin=0.05" is not accepted"#,
        #""none" or "norm:bound=B" with placeholder training: accuracy validation needs a real"#,
      ]),
    Refusal(
      label: "ll-bcfl with placeholder training", members: #""scheme": "ll-bcfl""#, chain: true,
      placeholder: true,
      expected: [
        #"workload.scheme = "ll-bcfl" is not accepted"#,
        #"set `workload.stages.validation` to "none" or "norm:bound=B""#,
      ]),
    Refusal(
      label: "validation without a chain", members: #""stages": {"validation": "norm:bound=5"}"#,
      chain: false,
      expected: [
        #"workload.stages.validation = "norm:bound=5" is not accepted"#,
        "validation is done by a chain's validators",
      ]),
    Refusal(
      label: "ll-bcfl without a chain", members: #""scheme": "ll-bcfl""#, chain: false,
      expected: [
        #"workload.scheme = "ll-bcfl" is not accepted"#, "it needs `workload.chain`",
      ]),
    Refusal(
      label: "bcfl without a chain", members: #""scheme": "bcfl""#, chain: false,
      expected: [#"workload.scheme = "bcfl" is not accepted"#, "it needs `workload.chain`"]),
    Refusal(
      label: "fedavg with a chain", members: #""scheme": "fedavg""#, chain: true,
      expected: [
        #"workload.scheme = "fedavg" is not accepted"#,
        #""bcfl" or "ll-bcfl" with a chain, or remove `workload.chain`"#,
      ]),
  ]

  @Test(arguments: refusals)
  func anInputThatDoesNotFitIsOneErrorNamingTheFieldAndTheValue(_ refusal: Refusal) throws {
    let text = try Self.scenario(
      refusal.members, chain: refusal.chain, placeholder: refusal.placeholder,
      training: refusal.training)
    let found = try #require(error(text), "\(refusal.label) decoded")
    let description = found.description
    #expect(description.hasPrefix("`scheme.json:"), "\(description)")
    for piece in refusal.expected {
      #expect(description.contains(piece), "\(refusal.label): \(description)")
    }
  }
}
