import Foundation
import Platform
import SimCore
import Traces

/// Decodes `{"graphml": "topologies/zoo/Abilene.graphml", …}`: an Internet Topology Zoo file
/// imported at load time. A relative path is resolved against the scenario file's folder.
public enum GraphMLTopologyDecoder {
  static let fields = ["graphml", "bandwidth", "latency", "roles", "parallelEdges"]

  static func decode(_ reader: ObjectReader, baseDirectory: String?) throws(ScenarioError)
    -> Topology
  {
    try reader.rejectUnknownFields(allowed: fields)
    let path = try reader.requiredString("graphml")
    var options = GraphMLImportOptions()
    if let value = try reader.rate("bandwidth") { options.defaultBandwidth = value }
    if let value = try reader.duration("latency") { options.defaultLatency = value }
    if let value = try reader.choice("parallelEdges", from: ["sum", "first"]) {
      options.parallelEdges = value == "sum" ? .sumBandwidths : .keepFirst
    }
    if let roles = try reader.object("roles") {
      for member in roles.members {
        guard case .array(let items) = member.value.kind else {
          throw .wrongType(
            file: reader.file, line: member.value.line, path: roles.fieldPath(member.key),
            found: member.value.typeDescription, expected: "an array of roles")
        }
        options.roleOverrides[member.key] = try TopologyDecoder.roles(
          items, in: roles, key: member.key)
      }
    }
    let resolved = path.hasPrefix("/") || baseDirectory == nil ? path : baseDirectory! + "/" + path
    let text = try readText(resolved)
    do {
      return try GraphMLImporter.importTopology(from: text, fileName: path, options: options)
        .topology
    } catch {
      throw ScenarioError.invalidValue(
        file: reader.file, line: reader.optional("graphml")!.line,
        path: reader.fieldPath("graphml"),
        value: "\"\(path)\"", accepted: "the file must be valid GraphML: \(error)")
    }
  }

  /// The text of the file at `path`, or an `unreadable` error naming it.
  public static func readText(_ path: String) throws(ScenarioError) -> String {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadable(file: path, reason: (error as NSError).localizedDescription)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .unreadable(file: path, reason: "the file is not UTF-8 text")
    }
    return text
  }
}
