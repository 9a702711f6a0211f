import SimCore
import SimKernel

/// A compute service that renames nodes: engine-local validator i runs its tasks on platform
/// node `nodes[i]` (see `MappedTransport`).
public final class MappedCompute: ComputeService {
  /// The service that runs the tasks, on platform nodes.
  public let base: any ComputeService
  /// `nodes[i]`: the platform node of engine-local validator i.
  public let nodes: [NodeID]

  /// A service running engine-local validator i's tasks on `nodes[i]` of `base`.
  public init(base: any ComputeService, nodes: [NodeID]) {
    self.base = base
    self.nodes = nodes
  }

  /// Submits to `base` on the mapped node.
  /// - Precondition: `node` is an engine-local validator (< `nodes.count`).
  public func submit(
    _ work: Work, on node: NodeID, label: String, in simulation: Simulation,
    onDone: @escaping Simulation.Action
  ) {
    precondition(
      node.index < nodes.count,
      "MappedCompute: \(node) outside the \(nodes.count) mapped nodes")
    base.submit(work, on: nodes[node.index], label: label, in: simulation, onDone: onDone)
  }
}
