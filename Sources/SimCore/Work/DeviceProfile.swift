/// How fast one core of a device does each kind of `Work`: the bridge from real computation to
/// simulated time.
///
/// Rates are per core; a node with several cores runs that many tasks side by side, each at these
/// rates. A task's duration is the sum, over the kinds of work it did, of count ÷ rate, each term
/// rounded up to the nanosecond so that no task finishes before its work is done.
public struct DeviceProfile: Hashable, Sendable {
  /// The profile's name as scenarios write it, e.g. `edge-server`.
  public var name: String
  /// Sustained floating-point operations per second on one core for small-batch NN training.
  public var flopsPerSecond: Int64
  /// 64-bit limb products per second in big-integer arithmetic on one core.
  public var limbMultiplicationsPerSecond: Int64
  /// SHA-256 throughput on one core, bytes per second.
  public var hashBytesPerSecond: Int64
  /// ChaCha20 keystream throughput on one core, bytes per second.
  public var cipherBytesPerSecond: Int64
  /// Curve25519 scalar multiplications per second on one core.
  public var curveScalarMultiplicationsPerSecond: Int64

  /// A profile with the given per-core rates.
  /// - Precondition: every rate is positive.
  public init(
    name: String, flopsPerSecond: Int64, limbMultiplicationsPerSecond: Int64,
    hashBytesPerSecond: Int64, cipherBytesPerSecond: Int64,
    curveScalarMultiplicationsPerSecond: Int64
  ) {
    precondition(
      flopsPerSecond > 0 && limbMultiplicationsPerSecond > 0 && hashBytesPerSecond > 0
        && cipherBytesPerSecond > 0 && curveScalarMultiplicationsPerSecond > 0,
      "DeviceProfile \(name) needs positive rates")
    self.name = name
    self.flopsPerSecond = flopsPerSecond
    self.limbMultiplicationsPerSecond = limbMultiplicationsPerSecond
    self.hashBytesPerSecond = hashBytesPerSecond
    self.cipherBytesPerSecond = cipherBytesPerSecond
    self.curveScalarMultiplicationsPerSecond = curveScalarMultiplicationsPerSecond
  }

  /// The simulated time one core of this device takes to do `work`.
  public func duration(for work: Work) -> SimDuration {
    let terms: [(Int64, Int64)] = [
      (work.floatingPointOperations, flopsPerSecond),
      (work.limbMultiplications, limbMultiplicationsPerSecond),
      (work.bytesHashed, hashBytesPerSecond),
      (work.bytesCiphered, cipherBytesPerSecond),
      (work.curveScalarMultiplications, curveScalarMultiplicationsPerSecond),
    ]
    var total: Int64 = 0
    for (count, rate) in terms where count > 0 {
      total += DeviceProfile.ceilNanoseconds(count: count, perSecond: rate)
    }
    return SimDuration(nanoseconds: total)
  }

  /// ⌈count × 10⁹ ÷ rate⌉ over Int128, so that large counts neither overflow nor lose precision.
  static func ceilNanoseconds(count: Int64, perSecond rate: Int64) -> Int64 {
    let (q, r) = (Int128(count) * 1_000_000_000).quotientAndRemainder(dividingBy: Int128(rate))
    let ns = q + (r == 0 ? 0 : 1)
    precondition(ns <= Int128(Int64.max), "\(count) operations at \(rate)/s overflow the clock")
    return Int64(ns)
  }
}
