import SimCore

/// Selects every client, in ascending order, whatever the round wants: full participation.
/// Consumes no random numbers.
public struct AllClients: ClientSelection {
  /// The selection of every client.
  public init() {}

  /// Clients 0..<`context.clientCount`, ascending.
  /// - Complexity: O(`context.clientCount`).
  public func select(_ context: SelectionContext, using generator: inout Xoshiro256StarStar)
    -> [ClientID]
  {
    (0..<context.clientCount).map(ClientID.init)
  }

  /// The scenario spelling: "all".
  public var description: String { "all" }
}
