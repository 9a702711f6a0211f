import SimCore

/// The path a message takes: the channels it crosses in order, and their summed latency.
public struct Route: Sendable, Hashable {
  /// The channels from source to destination; empty when source and destination coincide.
  public var channels: [Channel]
  /// The sum of the links' one-way latencies.
  public var latency: SimDuration

  public init(channels: [Channel], latency: SimDuration) {
    self.channels = channels
    self.latency = latency
  }
}
