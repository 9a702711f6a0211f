/// The classes traffic is accounted under, so a run can report bytes on the client↔edge access
/// network apart from the edge↔cloud backhaul and the validators' peer-to-peer mesh.
public enum LinkClass {
  /// The tier of a node for classification: the lowest tier among its roles.
  static func tier(of node: Node) -> String {
    if node.has(.client) { return "client" }
    if node.has(.edge) { return "edge" }
    if node.has(.server) || node.has(.storage) { return "cloud" }
    if node.has(.validator) { return "validator" }
    if node.has(.router) { return "core" }
    return "host"
  }

  /// The class of a link between `x` and `y`: the two endpoints' tiers in a fixed order joined by
  /// a dash (`client-edge`, `edge-cloud`, `validator-validator` is written `p2p`). Links that touch
  /// a router take the other endpoint's tier with `-core`, and router–router links are `core`.
  public static func infer(_ x: Node, _ y: Node) -> String {
    let order = ["client", "edge", "cloud", "validator", "host", "core"]
    var tiers = [tier(of: x), tier(of: y)]
    tiers.sort { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! }
    switch (tiers[0], tiers[1]) {
    case ("validator", "validator"): return "p2p"
    case ("core", "core"): return "core"
    default: return "\(tiers[0])-\(tiers[1])"
    }
  }
}
