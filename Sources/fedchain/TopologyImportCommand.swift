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
    if arguments.options["out"] == "" {
      throw CommandFailure.usage("--out is empty; give the file to write the topology to")
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
    for warning in imported.warnings { Commands.printWarning(warning) }
    let json = JSONWriter.write(TopologyEncoder.encode(imported.topology))
    if let out = arguments.options["out"] {
      do throws(OutputError) {
        try OutputFile.replace(out, with: json)
      } catch {
        throw CommandFailure.output(error)
      }
      let (nodes, links) = (imported.topology.nodes.count, imported.topology.links.count)
      FileHandle.standardError.write(
        Data(
          "fedchain: wrote \(nodes) nodes and \(links) links to \(EchoedText.escaped(out))\n".utf8)
      )
    } else {
      print(json, terminator: "")
    }
  }
}
