import Ledger
import SimCore
import SimKernel

/// A fixed-latency transport that records every message: its kind, ends, size and when it was
/// sent. It never loses a message.
final class GossipRecorder: MessageTransport {
  struct Message: Equatable, CustomStringConvertible {
    let kind: String
    let source: Int
    let destination: Int
    let size: ByteCount
    let sent: SimInstant
    var description: String { "\(kind) \(source)→\(destination) at \(sent)" }
  }

  let latency: SimDuration
  private(set) var messages: [Message] = []

  init(latency: SimDuration) { self.latency = latency }

  func send(
    from source: NodeID, to destination: NodeID, size: ByteCount, kind: String,
    in simulation: Simulation, onLoss: Simulation.Action?,
    onDelivery: @escaping Simulation.Action
  ) {
    messages.append(
      Message(
        kind: kind, source: source.index, destination: destination.index, size: size,
        sent: simulation.now))
    simulation.schedule(after: latency, onDelivery)
  }

  /// The messages of `kind`, in sending order.
  func messages(_ kind: String) -> [Message] { messages.filter { $0.kind == kind } }

  /// How many messages of `kind` `node` sent.
  func sent(_ kind: String, by node: Int) -> Int {
    messages.count { $0.kind == kind && $0.source == node }
  }

  /// How many messages of `kind` `node` was sent.
  func received(_ kind: String, at node: Int) -> Int {
    messages.count { $0.kind == kind && $0.destination == node }
  }
}
