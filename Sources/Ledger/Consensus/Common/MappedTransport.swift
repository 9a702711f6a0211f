import SimCore
import SimKernel

/// A transport that renames nodes: engine-local validator i is platform node `nodes[i]`. A
/// scheme runs an engine (whose validators are 0..<n) on a topology whose validators are
/// arbitrary nodes.
public final class MappedTransport: MessageTransport {
  /// The transport that carries the messages, between platform nodes.
  public let base: any MessageTransport
  /// `nodes[i]`: the platform node of engine-local validator i.
  public let nodes: [NodeID]

  /// A transport sending engine-local i → j as `nodes[i]` → `nodes[j]` on `base`.
  public init(base: any MessageTransport, nodes: [NodeID]) {
    self.base = base
    self.nodes = nodes
  }

  /// Sends through `base` between the mapped nodes; `onLoss` runs if `base` loses the message.
  /// - Precondition: `source` and `destination` are engine-local validators (< `nodes.count`).
  public func send(
    from source: NodeID, to destination: NodeID, size: ByteCount, kind: String,
    in simulation: Simulation, onLoss: Simulation.Action?,
    onDelivery: @escaping Simulation.Action
  ) {
    precondition(
      source.index < nodes.count && destination.index < nodes.count,
      "MappedTransport: \(source) → \(destination) outside the \(nodes.count) mapped nodes")
    base.send(
      from: nodes[source.index], to: nodes[destination.index], size: size, kind: kind,
      in: simulation, onLoss: onLoss, onDelivery: onDelivery)
  }
}
