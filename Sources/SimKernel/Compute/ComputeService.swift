import SimCore

/// Something that runs computations on nodes in simulated time: given a task's `Work`, it calls
/// back when the node would have finished it.
///
/// The computation itself has already run for real when it is submitted; the service decides only
/// *when* its result is ready. Models above the platform (the ledger's validators, FL schemes)
/// charge their work through this protocol, so they can be tested without a topology and run on
/// the platform's `ComputeCluster` unchanged.
public protocol ComputeService: AnyObject {
  /// Queues a task of `work` on `node`; `onDone` runs in the simulation when it finishes.
  /// `label` names the task in traces (`train`, `validate-block`, `execute-block`, …).
  func submit(
    _ work: Work, on node: NodeID, label: String, in simulation: Simulation,
    onDone: @escaping Simulation.Action)
}
