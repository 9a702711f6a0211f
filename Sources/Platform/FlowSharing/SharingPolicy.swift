import SimCore

/// How flows that meet on a channel share its bandwidth.
public enum SharingPolicy: String, Sendable, CaseIterable {
  /// SimGrid's CM02 model with cross-traffic off: weighted max-min where a flow's weight is the
  /// inverse of its route latency, as TCP shares a bottleneck in proportion to 1/RTT.
  case cm02
  /// Plain max-min: every flow has the same weight.
  case maxMin = "max-min"

  /// The smallest latency used for CM02 weighting. A route whose latency is zero (two nodes joined
  /// by zero-latency links) would otherwise have infinite weight; it is weighted as if its latency
  /// were one microsecond, i.e. it beats every realistic route on a shared bottleneck but still
  /// leaves the others a share. Its transfer itself starts with no delay.
  public static let minimumWeightingLatency = SimDuration.microseconds(1)

  /// The sharing weight of a flow whose route has `latency`.
  public func weight(forRouteLatency latency: SimDuration) -> Double {
    switch self {
    case .maxMin: return 1
    case .cm02:
      let floor = SharingPolicy.minimumWeightingLatency
      return 1 / (max(latency, floor).seconds)
    }
  }
}
