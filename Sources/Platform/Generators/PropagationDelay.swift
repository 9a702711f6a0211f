import SimCore

/// The one-way delay of a signal over a length of optical fibre: the rule both the generators and
/// the GraphML importer use to turn distance into link latency.
///
/// Light in silica fibre travels at about c / 1.5 (refractive index ≈ 1.47–1.5), so the model
/// assumes two thirds of the speed of light in vacuum: 2/3 × 299,792.458 km/s
/// ≈ 199,861.639 km/s, i.e. about 5.0 µs per kilometre. Queueing, switching and the detour of the
/// fibre route from the straight line are not modelled.
public enum PropagationDelay {
  /// The speed of light in vacuum in km/s: exact by the SI definition of the metre.
  public static let speedOfLightKilometresPerSecond = 299_792.458

  /// The signal speed assumed in fibre, in km/s: two thirds of `speedOfLightKilometresPerSecond`,
  /// ≈ 199,861.639 km/s.
  public static let fibreKilometresPerSecond = speedOfLightKilometresPerSecond * 2 / 3

  /// The one-way latency over `kilometres` of fibre, rounded to the nearest nanosecond.
  /// - Precondition: `kilometres` is finite and not negative.
  public static func latency(overKilometres kilometres: Double) -> SimDuration {
    precondition(
      kilometres.isFinite && kilometres >= 0,
      "PropagationDelay: distance must be finite and non-negative, got \(kilometres) km")
    return SimDuration(seconds: kilometres / fibreKilometresPerSecond, rounding: .nearest)
  }
}
