import SimCore

/// Something that carries messages between nodes and calls back when each is delivered, or lost.
///
/// Models above the network (the ledger, FL schemes) talk to peers only through this protocol, so
/// they can be tested on `FixedLatencyTransport` and run on the flow-level network unchanged.
public protocol MessageTransport: AnyObject {
  /// Sends `size` bytes from `source` to `destination`; `onDelivery` runs in the simulation when
  /// the last byte arrives, or `onLoss` (when given) instead if the message is lost on the way
  /// (a lossy link), so that the sender can send it again. `kind` labels the message in traces
  /// (`model`, `update`, `block`, …). A transport that never loses a message never runs `onLoss`.
  func send(
    from source: NodeID, to destination: NodeID, size: ByteCount, kind: String,
    in simulation: Simulation, onLoss: Simulation.Action?,
    onDelivery: @escaping Simulation.Action)
}

extension MessageTransport {
  /// Sends a message whose loss nobody is told of: `onDelivery` runs if it arrives.
  public func send(
    from source: NodeID, to destination: NodeID, size: ByteCount, kind: String,
    in simulation: Simulation, onDelivery: @escaping Simulation.Action
  ) {
    send(
      from: source, to: destination, size: size, kind: kind, in: simulation, onLoss: nil,
      onDelivery: onDelivery)
  }
}

/// A transport where every message takes the same time, whatever its size or path: for testing
/// protocols in isolation from bandwidth sharing. It never loses a message.
public final class FixedLatencyTransport: MessageTransport {
  /// The delivery delay of every message.
  public let latency: SimDuration
  /// Messages sent so far.
  public private(set) var sentCount = 0
  /// Bytes sent so far.
  public private(set) var sentBytes = ByteCount.zero

  /// A transport that delivers every message `latency` after it is sent.
  public init(latency: SimDuration) { self.latency = latency }

  /// Delivers the message `latency` from now (`onLoss` never runs).
  public func send(
    from source: NodeID, to destination: NodeID, size: ByteCount, kind: String,
    in simulation: Simulation, onLoss: Simulation.Action?,
    onDelivery: @escaping Simulation.Action
  ) {
    sentCount += 1
    sentBytes += size
    simulation.schedule(after: latency, onDelivery)
  }
}
