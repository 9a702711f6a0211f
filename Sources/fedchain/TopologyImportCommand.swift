import Foundation
import Platform
import Scenario
import SimCore
import Traces

/// `fedchain topology import`: an Internet Topology Zoo GraphML file to the scenario topology
/// format. Warnings (nodes without coordinates, merged parallel edges, renamed duplicates) go to
/// stderr; the topology goes to stdout or `--out`.
enum TopologyImportCommand {
  static func run(_ words: [String]) throws {
    let arguments = try Arguments(
      words, valued: ["bandwidth", "latency", "out"], switches: ["help"])
    if arguments.flags.contains("help") { return print(Help.topologyImport, terminator: "") }
    guard arguments.positionals.count == 1 else {
      throw CommandFailure.usage("topology import takes exactly one GraphML file")
    }
    var options = GraphMLImportOptions()
    if let text = arguments.options["bandwidth"] {
      guard let rate = BitRate(parsing: text), rate.bitsPerSecond > 0 else {
        throw CommandFailure.usage("--bandwidth \(text) is not a rate; write e.g. 1Gbps or 100MBps")
      }
      options.defaultBandwidth = rate
    }
    if let text = arguments.options["latency"] {
      guard let latency = SimDuration(parsing: text) else {
        throw CommandFailure.usage("--latency \(text) is not a duration; write e.g. 1ms or 250us")
      }
      options.defaultLatency = latency
    }
    let path = arguments.positionals[0]
    let text: String
    do {
      text = try GraphMLTopologyDecoder.readText(path)
    } catch {
      throw CommandFailure(code: .badInput, message: error.description)
    }
    let imported: (topology: Topology, warnings: [String])
    do {
      imported = try GraphMLImporter.importTopology(from: text, fileName: path, options: options)
    } catch {
      throw CommandFailure(code: .badInput, message: "\(error)")
    }
    for warning in imported.warnings {
      FileHandle.standardError.write(Data("fedchain: warning: \(warning)\n".utf8))
    }
    let json = JSONWriter.write(TopologyEncoder.encode(imported.topology))
    if let out = arguments.options["out"] {
      do {
        try Data(json.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
      } catch {
        throw CommandFailure(
          code: .internalError, message: "cannot write `\(out)`: \(error.localizedDescription)")
      }
      FileHandle.standardError.write(
        Data(
          "fedchain: wrote \(imported.topology.nodes.count) nodes and \(imported.topology.links.count) links to \(out)\n"
            .utf8))
    } else {
      print(json, terminator: "")
    }
  }
}
