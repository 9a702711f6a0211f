import SimCore

/// Selects `clientsPerRound` distinct clients uniformly at random, in ascending order: FedAvg's
/// sampling (McMahan et al., 2017).
///
/// It makes exactly the call the schemes made before stages existed
/// (`sampleIndices(_:from:)`, a partial Fisher–Yates), so a run that selects through this stage
/// draws the same clients, from the same numbers, as one that samples directly.
public struct UniformSelection: ClientSelection {
  /// The uniform selection.
  public init() {}

  /// `context.clientsPerRound` distinct clients, ascending.
  /// - Precondition: `context.clientsPerRound` is in 0...`context.clientCount`.
  /// - Complexity: O(`context.clientCount`).
  public func select(_ context: SelectionContext, using generator: inout Xoshiro256StarStar)
    -> [ClientID]
  {
    generator.sampleIndices(context.clientsPerRound, from: context.clientCount).map(ClientID.init)
  }

  /// The scenario spelling: "uniform".
  public var description: String { "uniform" }
}
