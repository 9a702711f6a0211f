import Learning
import SimCore

/// A poisoning attack a malicious client mounts on its update, as spelled in a scenario file.
///
/// Every attack but `labelFlip` acts on the update's *delta* (the trained parameters minus the
/// global model the client started from) after training and before the privacy stage, through
/// `apply(to:using:)`. `labelFlip` acts on the training itself: the training backend relabels the
/// client's samples (see `trainsOnFlippedLabels`), and the delta is left alone.
///
/// Spellings: "label-flip", "sign-flip", "scale:k" (k any finite number), "noise:σ" (σ finite and
/// > 0) and "free-rider". `description` gives the canonical spelling, which parses back to the
/// same attack.
public enum UpdateAttack: Sendable, Hashable, CustomStringConvertible {
  /// Trains on permuted labels, l → classCount − 1 − l (done by the training backend).
  case labelFlip
  /// Sends −delta.
  case signFlip
  /// Sends k·delta.
  case scale(factor: Double)
  /// Adds independent N(0, σ²) noise to every coordinate of the delta.
  /// - Precondition: σ is finite and > 0 (`init(parsing:)` checks it as an input error;
  ///   `apply(to:using:)` traps on a case built directly with a bad σ).
  case gaussianNoise(standardDeviation: Double)
  /// Does no training and sends the global model back unchanged: a delta of all zeros.
  case freeRider

  /// The accepted spellings, for error messages.
  static let accepted =
    "label-flip, sign-flip, scale:k with k a finite number, noise:σ with σ finite and > 0, "
    + "or free-rider"

  /// Parses a scenario's spelling of an attack.
  /// - Throws: `StageSpecError` naming `text` when it is none of the accepted spellings, or when
  ///   its number is not a number, not finite, or (for noise) not > 0.
  public init(parsing text: String) throws(StageSpecError) {
    switch text {
    case "label-flip": self = .labelFlip
    case "sign-flip": self = .signFlip
    case "free-rider": self = .freeRider
    default:
      if text.hasPrefix("scale:") {
        let factor = try Self.number(after: "scale:", in: text, naming: "factor")
        self = .scale(factor: factor)
      } else if text.hasPrefix("noise:") {
        let sigma = try Self.number(after: "noise:", in: text, naming: "σ")
        guard sigma > 0 else {
          throw StageSpecError(
            text: "attack `\(text)`: σ must be > 0", accepted: Self.accepted)
        }
        self = .gaussianNoise(standardDeviation: sigma)
      } else {
        throw StageSpecError(text: "unknown attack `\(text)`", accepted: Self.accepted)
      }
    }
  }

  /// The finite number that follows `prefix` in `text`.
  private static func number(
    after prefix: String, in text: String, naming name: String
  ) throws(StageSpecError) -> Double {
    let digits = text.dropFirst(prefix.count)
    guard let value = Double(digits) else {
      throw StageSpecError(
        text: "attack `\(text)`: \(name) `\(digits)` is not a number", accepted: accepted)
    }
    guard value.isFinite else {
      throw StageSpecError(
        text: "attack `\(text)`: \(name) must be finite", accepted: accepted)
    }
    return value
  }

  /// True when the client does no training at all (`freeRider`): the driver charges it no
  /// training work and `apply` zeroes its delta.
  public var skipsTraining: Bool { self == .freeRider }

  /// True when the training backend must train this client on flipped labels
  /// (l → classCount − 1 − l) instead of its own.
  public var trainsOnFlippedLabels: Bool { self == .labelFlip }

  /// Applies the attack to `delta` in place, drawing any noise from `generator` in ascending
  /// coordinate order, and returns the work it did.
  ///
  /// Work: 1 flop per coordinate for `signFlip` and `scale`; `GaussianMechanism.addNoise`'s count
  /// for `gaussianNoise`; none for `labelFlip` (the backend's training did it) and `freeRider`
  /// (setting a buffer to zero is not arithmetic).
  /// - Complexity: O(delta.count).
  public func apply(to delta: inout [Float], using generator: inout Xoshiro256StarStar) -> Work {
    switch self {
    case .labelFlip:
      return .zero
    case .signFlip:
      delta.withUnsafeMutableBufferPointer { values in
        for j in values.indices { values[j] = -values[j] }
      }
      return .flops(Int64(delta.count))
    case .scale(let factor):
      // The product is formed in Double and rounded once, so k·x overflows to ±∞ only when the
      // exact product is beyond Float's range.
      delta.withUnsafeMutableBufferPointer { values in
        for j in values.indices { values[j] = Float(Double(values[j]) * factor) }
      }
      return .flops(Int64(delta.count))
    case .gaussianNoise(let sigma):
      let mechanism: GaussianMechanism
      do {
        mechanism = try GaussianMechanism(standardDeviation: sigma)
      } catch {
        preconditionFailure("noise attack needs a finite σ > 0, got σ = \(sigma): \(error)")
      }
      return mechanism.addNoise(to: &delta, using: &generator)
    case .freeRider:
      delta.withUnsafeMutableBufferPointer { values in
        for j in values.indices { values[j] = 0 }
      }
      return .zero
    }
  }

  /// The canonical spelling: "label-flip", "sign-flip", "scale:k", "noise:σ" or "free-rider",
  /// numbers in Swift's shortest round-trip form.
  public var description: String {
    switch self {
    case .labelFlip: "label-flip"
    case .signFlip: "sign-flip"
    case .scale(let factor): "scale:\(factor)"
    case .gaussianNoise(let sigma): "noise:\(sigma)"
    case .freeRider: "free-rider"
    }
  }
}
