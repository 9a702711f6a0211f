/// What went wrong with parameters handed to BigNum (programmer errors are preconditions).
public enum BigNumError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A Chinese-remainder basis was given no moduli.
  case noModuli
  /// A Chinese-remainder modulus at `index` is zero.
  case zeroModulus(index: Int)
  /// The Chinese-remainder moduli at `first` and `second` share the factor `commonFactor`.
  case moduliNotCoprime(first: Int, second: Int, commonFactor: BigUInt)

  /// What failed, with the offending value and what is accepted.
  public var description: String {
    switch self {
    case .noModuli:
      "ChineseRemainderBasis: no moduli given; pass at least one positive modulus"
    case .zeroModulus(let index):
      "ChineseRemainderBasis: modulus #\(index) is 0; every modulus must be positive"
    case .moduliNotCoprime(let first, let second, let commonFactor):
      "ChineseRemainderBasis: moduli #\(first) and #\(second) share the factor \(commonFactor); "
        + "the moduli must be pairwise coprime"
    }
  }
}
