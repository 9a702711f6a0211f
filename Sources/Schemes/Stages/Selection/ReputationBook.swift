import SimCore

/// Each client's reputation: a weighted sum of its self-assessment and a subjective-logic opinion
/// built from the verdicts its updates received (Jøsang, *Subjective Logic*, 2016; used for FL
/// reputation by Kang et al., IEEE IoT Journal 2019, and by LL-BCFL's algorithm 1).
///
/// Client i has a self-assessment sᵢ ∈ [0, 1], fixed at creation (see `SelfAssessment`), and two
/// evidence counts: rᵢ (accepted verdicts) and qᵢ (rejected verdicts), both 0 at first. Its
/// opinion, with the non-informative prior weight W (`priorWeight`, 2 by default), is
///
///     belief      b = r / (r + q + W)
///     disbelief   d = q / (r + q + W)
///     uncertainty u = W / (r + q + W)        (b + d + u = 1)
///
/// and its expected opinion is E = b + a·u, with base rate a (`baseRate`, 0.5 by default). Its
/// reputation is
///
///     R = w_self · s + w_history · E        (w_self = 0.3, w_history = 0.7 by default)
///
/// which is LL-BCFL's step 9 (client_eval · w4 + client_rep · w5). Before any evidence u = 1 and
/// E = a for every client, so the first round ranks clients by self-assessment alone (step 6).
///
/// `decay()` multiplies every r and q by λ (`decayFactor`, 0.9 by default). Whoever keeps the book
/// calls it once per round, so old evidence fades, uncertainty returns, and E drifts back to a:
/// a client is not judged forever by one bad round.
///
/// Worked example: r = 3, q = 1, W = 2 gives b = 3/6 = 0.5, d = 1/6, u = 2/6 = 1/3 and
/// E = 0.5 + 0.5 · 1/3 = 2/3; with s = 0.8, R = 0.3 · 0.8 + 0.7 · 2/3 ≈ 0.70667. One decay turns
/// the counts into r = 2.7, q = 0.9.
///
/// Invariant: every count is finite and ≥ 0, every self-assessment is in [0, 1], and the weights
/// are in [0, 1] and sum to 1, so every reputation is in [0, 1] (up to rounding).
public struct ReputationBook: Sendable, Hashable {
  /// The weight of the self-assessment in the reputation (w_self).
  public let selfWeight: Double
  /// The weight of the expected opinion in the reputation (w_history).
  public let historyWeight: Double
  /// What `decay()` multiplies every evidence count by (λ).
  public let decayFactor: Double
  /// The non-informative prior weight W of the opinion.
  public let priorWeight: Double
  /// The base rate a: the expected opinion of a client without evidence.
  public let baseRate: Double

  private let selfAssessments: [Double]
  private var acceptedCounts: [Double]
  private var rejectedCounts: [Double]

  /// How far the two weights' sum may stray from 1 through decimal-to-binary rounding.
  private static let weightSumTolerance = 1e-9

  /// A book without evidence, for clients 0..<`selfAssessments.count`.
  /// - Precondition: every self-assessment, `selfWeight`, `historyWeight`, `decay` and `baseRate`
  ///   is in [0, 1]; the two weights sum to 1; `priorWeight > 0`.
  public init(
    selfAssessments: [Double], selfWeight: Double = 0.3, historyWeight: Double = 0.7,
    decay: Double = 0.9, priorWeight: Double = 2, baseRate: Double = 0.5
  ) {
    for (index, score) in selfAssessments.enumerated() {
      precondition(
        (0...1).contains(score), "self-assessment of client#\(index) is \(score), not in [0, 1]")
    }
    precondition(
      (0...1).contains(selfWeight) && (0...1).contains(historyWeight)
        && abs(selfWeight + historyWeight - 1) <= Self.weightSumTolerance,
      "reputation weights must be in [0, 1] and sum to 1, got self \(selfWeight) + history "
        + "\(historyWeight)")
    precondition((0...1).contains(decay), "reputation decay must be in [0, 1], got \(decay)")
    precondition(
      priorWeight > 0 && priorWeight.isFinite,
      "prior weight must be positive and finite, got \(priorWeight)")
    precondition((0...1).contains(baseRate), "base rate must be in [0, 1], got \(baseRate)")
    self.selfWeight = selfWeight
    self.historyWeight = historyWeight
    self.decayFactor = decay
    self.priorWeight = priorWeight
    self.baseRate = baseRate
    self.selfAssessments = selfAssessments
    self.acceptedCounts = Array(repeating: 0, count: selfAssessments.count)
    self.rejectedCounts = Array(repeating: 0, count: selfAssessments.count)
  }

  /// A book in which every client assesses itself 0.5, for schemes that do not use reputation.
  public static func neutral(clientCount: Int) -> ReputationBook {
    precondition(clientCount >= 0, "client count must be ≥ 0, got \(clientCount)")
    return ReputationBook(selfAssessments: Array(repeating: 0.5, count: clientCount))
  }

  /// How many clients the book covers: clients 0..<`clientCount`.
  public var clientCount: Int { selfAssessments.count }

  // MARK: - Evidence

  /// Adds one verdict on `client`'s update to its evidence: to r if `accepted`, else to q.
  public mutating func record(client: ClientID, accepted: Bool) {
    checkKnown(client)
    if accepted {
      acceptedCounts[client.index] += 1
    } else {
      rejectedCounts[client.index] += 1
    }
  }

  /// Multiplies every client's evidence counts by `decayFactor`; called once per round.
  /// - Complexity: O(`clientCount`).
  public mutating func decay() {
    for index in acceptedCounts.indices {
      acceptedCounts[index] *= decayFactor
      rejectedCounts[index] *= decayFactor
    }
  }

  /// `client`'s evidence counts: r (accepted verdicts) and q (rejected verdicts), after decay.
  public func evidence(of client: ClientID) -> (accepted: Double, rejected: Double) {
    checkKnown(client)
    return (acceptedCounts[client.index], rejectedCounts[client.index])
  }

  // MARK: - Opinion

  /// `client`'s self-assessment s, in [0, 1].
  public func selfAssessment(of client: ClientID) -> Double {
    checkKnown(client)
    return selfAssessments[client.index]
  }

  /// `client`'s belief b = r / (r + q + W): how much evidence says its updates are good.
  public func belief(of client: ClientID) -> Double {
    checkKnown(client)
    return acceptedCounts[client.index] / evidenceWeight(client)
  }

  /// `client`'s disbelief d = q / (r + q + W): how much evidence says its updates are bad.
  public func disbelief(of client: ClientID) -> Double {
    checkKnown(client)
    return rejectedCounts[client.index] / evidenceWeight(client)
  }

  /// `client`'s uncertainty u = W / (r + q + W): 1 without evidence, falling as verdicts arrive.
  public func uncertainty(of client: ClientID) -> Double {
    checkKnown(client)
    return priorWeight / evidenceWeight(client)
  }

  /// `client`'s expected opinion E = b + a·u, in [0, 1]; `baseRate` without evidence.
  public func expectedOpinion(of client: ClientID) -> Double {
    belief(of: client) + baseRate * uncertainty(of: client)
  }

  /// `client`'s reputation R = w_self · s + w_history · E, in [0, 1].
  public func reputation(of client: ClientID) -> Double {
    selfWeight * selfAssessment(of: client) + historyWeight * expectedOpinion(of: client)
  }

  /// Every client's reputation, by client index.
  /// - Complexity: O(`clientCount`).
  public var reputations: [Double] {
    (0..<clientCount).map { reputation(of: ClientID($0)) }
  }

  // MARK: - Helpers

  /// r + q + W for `client`, the denominator of its opinion.
  private func evidenceWeight(_ client: ClientID) -> Double {
    acceptedCounts[client.index] + rejectedCounts[client.index] + priorWeight
  }

  private func checkKnown(_ client: ClientID) {
    precondition(
      (0..<clientCount).contains(client.index),
      "\(client) is not in a reputation book of \(clientCount) clients")
  }
}
