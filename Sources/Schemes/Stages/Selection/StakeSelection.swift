import SimCore

/// Selects `clientsPerRound` distinct clients at random, each draw weighted by stake: a client
/// holding twice the stake is twice as likely to be picked next (weighted sampling without
/// replacement, as in proof-of-stake committee selection).
///
/// Each draw sums the remaining clients' stakes T in ascending client order, takes one uniform
/// double x in [0, T) (one `next()` of the generator), and picks the first remaining client whose
/// cumulative stake exceeds x; the picked client leaves the pool. A client with zero stake is
/// never picked while any remaining stake is positive; once every remaining stake is zero, a draw
/// is uniform among the remaining (one `nextInt(below:)`).
public struct StakeSelection: ClientSelection {
  /// The stake-weighted selection.
  public init() {}

  /// `context.clientsPerRound` distinct clients, in the order they were drawn.
  /// - Precondition: `context.stakes` has one finite, non-negative stake per client, and
  ///   `context.clientsPerRound` is in 0...`context.clientCount`.
  /// - Complexity: O(k·M) for k draws among M clients.
  public func select(_ context: SelectionContext, using generator: inout Xoshiro256StarStar)
    -> [ClientID]
  {
    let stakes = context.stakes
    precondition(
      stakes.count == context.clientCount,
      "stake selection got \(stakes.count) stakes for \(context.clientCount) clients")
    for (index, stake) in stakes.enumerated() {
      precondition(
        stake >= 0 && stake.isFinite, "client#\(index) has stake \(stake), not finite and ≥ 0")
    }
    let count = context.clientsPerRound
    precondition(
      (0...context.clientCount).contains(count),
      "cannot select \(count) of \(context.clientCount) clients")
    var remaining = Array(0..<context.clientCount)
    var picked: [ClientID] = []
    picked.reserveCapacity(count)
    for _ in 0..<count {
      // Recomputed each draw rather than decremented, so the total is the same sum the walk below
      // reaches and rounding cannot leave x past the last cumulative stake.
      var total = 0.0
      for client in remaining { total += stakes[client] }
      let position: Int
      if total > 0 {
        position = Self.position(
          of: generator.nextUnitDouble() * total, in: remaining, stakes: stakes)
      } else {
        position = generator.nextInt(below: remaining.count)
      }
      picked.append(ClientID(remaining.remove(at: position)))
    }
    return picked
  }

  /// The position in `remaining` of the first client with positive stake whose cumulative stake
  /// exceeds `x`, for 0 ≤ x < the remaining total.
  private static func position(of x: Double, in remaining: [Int], stakes: [Double]) -> Int {
    var cumulative = 0.0
    var lastPositive = 0
    for (position, client) in remaining.enumerated() where stakes[client] > 0 {
      cumulative += stakes[client]
      if x < cumulative { return position }
      lastPositive = position
    }
    // Unreachable: x = u·T with u < 1 is below T, and the walk adds the same stakes in the same
    // order as T was summed. Kept as a safe answer rather than a trap.
    return lastPositive
  }

  /// The scenario spelling: "stake".
  public var description: String { "stake" }
}
