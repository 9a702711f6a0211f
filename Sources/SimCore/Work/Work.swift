/// What one real computation did, counted in machine-independent units.
///
/// Every task the simulator runs for real (training a model, encrypting an update, hashing a
/// block) returns its result together with a `Work`. A node's `DeviceProfile` turns the work into
/// simulated time, so the clock is deterministic while the results are real.
public struct Work: Hashable, Sendable, CustomStringConvertible {
  /// Floating-point operations (a multiply-add counts as two).
  public var floatingPointOperations: Int64
  /// 64×64→128-bit word products done by big-integer arithmetic, counted exactly by `BigNum`
  /// (a k-limb schoolbook product costs k²; see `MontgomeryContext` for its products' counts).
  public var limbMultiplications: Int64
  /// Bytes fed through a hash function's compression (SHA-256, SHA-512), padding included.
  public var bytesHashed: Int64
  /// Bytes of keystream produced by a stream cipher (ChaCha20).
  public var bytesCiphered: Int64
  /// Elliptic-curve scalar multiplications (X25519 agreement, Ed25519 sign = 1, verify = 2).
  public var curveScalarMultiplications: Int64

  /// Work with the given counts; omitted counts are zero.
  public init(
    floatingPointOperations: Int64 = 0, limbMultiplications: Int64 = 0, bytesHashed: Int64 = 0,
    bytesCiphered: Int64 = 0, curveScalarMultiplications: Int64 = 0
  ) {
    self.floatingPointOperations = floatingPointOperations
    self.limbMultiplications = limbMultiplications
    self.bytesHashed = bytesHashed
    self.bytesCiphered = bytesCiphered
    self.curveScalarMultiplications = curveScalarMultiplications
  }

  /// No work: a task that is free.
  public static let zero = Work()

  /// `floatingPointOperations` floating-point operations and nothing else.
  @inlinable public static func flops(_ count: Int64) -> Work {
    Work(floatingPointOperations: count)
  }

  /// True when every count is zero.
  public var isZero: Bool { self == .zero }

  public static func + (a: Work, b: Work) -> Work {
    Work(
      floatingPointOperations: a.floatingPointOperations + b.floatingPointOperations,
      limbMultiplications: a.limbMultiplications + b.limbMultiplications,
      bytesHashed: a.bytesHashed + b.bytesHashed,
      bytesCiphered: a.bytesCiphered + b.bytesCiphered,
      curveScalarMultiplications: a.curveScalarMultiplications + b.curveScalarMultiplications)
  }

  public static func += (a: inout Work, b: Work) { a = a + b }

  /// The work of doing this `k` times.
  public static func * (a: Work, k: Int64) -> Work {
    Work(
      floatingPointOperations: a.floatingPointOperations * k,
      limbMultiplications: a.limbMultiplications * k, bytesHashed: a.bytesHashed * k,
      bytesCiphered: a.bytesCiphered * k,
      curveScalarMultiplications: a.curveScalarMultiplications * k)
  }

  public var description: String {
    var parts: [String] = []
    if floatingPointOperations != 0 { parts.append("\(floatingPointOperations) flop") }
    if limbMultiplications != 0 { parts.append("\(limbMultiplications) limb-mul") }
    if bytesHashed != 0 { parts.append("\(bytesHashed) B hashed") }
    if bytesCiphered != 0 { parts.append("\(bytesCiphered) B ciphered") }
    if curveScalarMultiplications != 0 { parts.append("\(curveScalarMultiplications) curve-mul") }
    return parts.isEmpty ? "no work" : parts.joined(separator: ", ")
  }
}
