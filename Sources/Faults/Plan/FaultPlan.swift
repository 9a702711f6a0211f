import SimCore

/// A scenario's faults, in the order the scenario lists them. A paired run applies the same plan
/// to both twins.
public struct FaultPlan: Sendable, Hashable {
  public var faults: [Fault]

  public init(faults: [Fault] = []) {
    self.faults = faults
  }

  /// No faults: a run with this plan is byte-identical to one without a plan.
  public static let none = FaultPlan()

  public var isEmpty: Bool { faults.isEmpty }
}
