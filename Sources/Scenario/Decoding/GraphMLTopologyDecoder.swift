import Foundation
import Platform
import SimCore
import Traces

/// Decodes `{"graphml": "topologies/zoo/Abilene.graphml", …}`: an Internet Topology Zoo file
/// imported at load time, with whatever its attachment fields add to its points of presence
/// (`BackboneAttachmentDecoder`). A relative path is resolved against the scenario file's folder.
public enum GraphMLTopologyDecoder {
  typealias Schema = GraphMLSchema

  static func decode(_ reader: ObjectReader, baseDirectory: String?) throws(ScenarioError)
    -> Topology
  {
    let path = try reader.value(Schema.graphml)
    var options = GraphMLImportOptions()
    options.defaultBandwidth = try reader.value(Schema.bandwidth)
    options.defaultLatency = try reader.value(Schema.latency)
    options.profile =
      DeviceProfile.preset(named: try reader.value(Schema.profile)) ?? options.profile
    options.cores = try reader.value(Schema.cores)
    options.linkClass = try reader.value(Schema.linkClass)
    options.parallelEdges =
      try reader.value(Schema.parallelEdges) == "sum" ? .sumBandwidths : .keepFirst
    if let rolesValue = try reader.read(Schema.roles) {
      let rolesPath = reader.path(of: Schema.roles)
      for member in try ObjectReader.members(of: rolesValue, path: rolesPath, file: reader.file) {
        let memberPath = "\(rolesPath).\(member.key)"
        guard case .array(let items) = member.value.kind else {
          throw .wrongType(
            file: reader.file, line: member.value.line, path: memberPath,
            found: member.value.typeDescription, expected: "an array of roles")
        }
        options.roleOverrides[member.key] = try TopologyDecoder.roles(
          items, path: memberPath, file: reader.file)
      }
    }
    let text: String
    do {
      text = try readText(InputFile.resolved(path, against: baseDirectory))
    } catch {
      // Name the scenario's field as well as the GraphML file, which may not say where it came
      // from.
      throw reader.violation(
        Schema.graphml, value: path, accepted: "the file must be readable: \(error)")
    }
    let imported: Topology
    do {
      imported = try GraphMLImporter.importTopology(from: text, fileName: path, options: options)
        .topology
    } catch {
      throw reader.violation(
        Schema.graphml, value: path, accepted: "the file must be valid GraphML: \(error)")
    }
    let attachment = try BackboneAttachmentDecoder.decode(reader, backbone: imported)
    let topology: Topology
    do {
      topology = try attachment.attach(to: imported)
    } catch {
      // The fields were checked one by one; what is left is a name the graph already uses.
      throw .invalidValue(
        file: reader.file, line: reader.value.line, path: reader.path,
        value: "graphml \"\(path)\" with attachments", accepted: "\(error)")
    }
    try TopologyDecoder.checkCount(
      topology.nodes.count, of: "nodes", limit: ScenarioLimits.nodes, in: reader)
    try TopologyDecoder.checkCount(
      topology.links.count, of: "links", limit: ScenarioLimits.links, in: reader)
    return topology
  }

  /// The text of the file at `path`, or an `unreadable` error naming it and saying why.
  public static func readText(_ path: String) throws(ScenarioError) -> String {
    try InputFile.readText(path, limitBytes: Schema.maximumFileBytes, what: "GraphML file")
  }
}
