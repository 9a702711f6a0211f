/// What contract execution costs in gas: storage and arithmetic, priced as the Ethereum virtual
/// machine prices the equivalent instructions, so a contract's gas compares with published
/// measurements of FL contracts on Ethereum.
///
/// | constant | default | source (Yellow Paper, Appendix G, Istanbul-era schedule) |
/// |---|---|---|
/// | `storageSetCost` | 20,000 | G_sset: a 32-byte storage word set from zero |
/// | `storageResetCost` | 5,000 | G_sreset: a storage word overwritten |
/// | `storageLoadCost` | 800 | G_sload after EIP-1884 |
/// | `multiplyCost` | 5 | G_low: MUL, DIV |
/// | `addCost` | 3 | G_verylow: ADD |
///
/// Contracts here are Swift code, not EVM bytecode, so the schedule meters what the code does
/// in the units an EVM contract doing the same would pay: one storage word per 32 bytes kept,
/// one MUL or ADD per multiplication or addition (a weighted sum of n vectors of d numbers is
/// n·d of each). Hashes are priced by the transaction `GasSchedule` (the SHA256 precompile).
public struct ExecutionGasSchedule: Hashable, Sendable {
  /// A new 32-byte storage word.
  public var storageSetCost: UInt64
  /// An overwritten 32-byte storage word.
  public var storageResetCost: UInt64
  /// A 32-byte storage word read.
  public var storageLoadCost: UInt64
  /// A multiplication or division.
  public var multiplyCost: UInt64
  /// An addition.
  public var addCost: UInt64

  /// A schedule with the given prices.
  public init(
    storageSetCost: UInt64, storageResetCost: UInt64, storageLoadCost: UInt64,
    multiplyCost: UInt64, addCost: UInt64
  ) {
    self.storageSetCost = storageSetCost
    self.storageResetCost = storageResetCost
    self.storageLoadCost = storageLoadCost
    self.multiplyCost = multiplyCost
    self.addCost = addCost
  }

  /// The Ethereum prices of the table above: the default.
  public static let ethereum = ExecutionGasSchedule(
    storageSetCost: 20_000, storageResetCost: 5_000, storageLoadCost: 800, multiplyCost: 5,
    addCost: 3)

  /// The 32-byte words `byteCount` bytes occupy in storage: ⌈`byteCount` / 32⌉.
  public static func words(_ byteCount: Int) -> UInt64 {
    precondition(byteCount >= 0, "ExecutionGasSchedule: negative byte count \(byteCount)")
    return UInt64((byteCount + 31) / 32)
  }
}
