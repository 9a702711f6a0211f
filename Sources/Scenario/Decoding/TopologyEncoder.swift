import Platform
import SimCore
import Traces

/// Writes a `Topology` in the scenario format (`{"nodes": […], "links": […]}`), so that imported
/// or generated topologies can be saved, reviewed and edited. Decoding the output gives back the
/// same topology.
public enum TopologyEncoder {
  /// The topology as a JSON object.
  public static func encode(_ topology: Topology) -> JSONValue {
    let nodes = topology.nodes.map { node -> JSONValue in
      var members: [(String, JSONValue)] = [("id", .string(node.name))]
      if !node.roles.isEmpty {
        members.append(("roles", .array(node.roles.map { .string($0.rawValue) })))
      }
      if DeviceProfile.preset(named: node.profile.name) == node.profile {
        members.append(("profile", .string(node.profile.name)))
      } else {
        members.append(
          (
            "profile",
            .object([
              ("name", .string(node.profile.name)),
              ("flopsPerSecond", .integer(node.profile.flopsPerSecond)),
              ("limbMultiplicationsPerSecond", .integer(node.profile.limbMultiplicationsPerSecond)),
              ("hashBytesPerSecond", .integer(node.profile.hashBytesPerSecond)),
              ("cipherBytesPerSecond", .integer(node.profile.cipherBytesPerSecond)),
              (
                "curveScalarMultiplicationsPerSecond",
                .integer(node.profile.curveScalarMultiplicationsPerSecond)
              ),
            ])
          ))
      }
      if node.cores != 1 { members.append(("cores", .integer(node.cores))) }
      return .object(members)
    }
    let links = topology.links.map { link -> JSONValue in
      var members: [(String, JSONValue)] = [
        ("id", .string(link.name)),
        (
          "between",
          .array([
            .string(topology.nodes[link.a.index].name), .string(topology.nodes[link.b.index].name),
          ])
        ),
        ("latency", .string(SimDuration.format(nanoseconds: link.latency.nanoseconds) + "s")),
        ("bandwidth", .string(link.bandwidthAToB.description)),
      ]
      if link.bandwidthBToA != link.bandwidthAToB {
        members.append(("reverseBandwidth", .string(link.bandwidthBToA.description)))
      }
      if link.lossRate > 0 { members.append(("loss", .double(link.lossRate))) }
      members.append(("class", .string(link.linkClass)))
      return .object(members)
    }
    return .object([("nodes", .array(nodes)), ("links", .array(links))])
  }
}
