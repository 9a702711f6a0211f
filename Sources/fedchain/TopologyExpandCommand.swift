import Foundation
import Scenario
import SimCore
import Traces

/// `fedchain topology expand`: a scenario whose topology is generated or imported, rewritten with
/// that topology written out as explicit nodes and links (`ScenarioSpec.expandedSource`), to
/// stdout or `--out`. The scenario is decoded in full first, so a file that would not run is
/// refused with the error a run would give.
enum TopologyExpandCommand {
  static func run(_ words: [String]) throws {
    let arguments = try Arguments(words, valued: ["out"], switches: ["help"])
    if arguments.flags.contains("help") { return print(Help.topologyExpand, terminator: "") }
    guard arguments.positionals.count == 1 else {
      throw CommandFailure.usage("topology expand takes exactly one scenario file")
    }
    if arguments.options["out"] == "" {
      throw CommandFailure.usage("--out is empty; give the file to write the scenario to")
    }
    let spec = try Commands.loadScenario(arguments.positionals[0])
    let json = JSONWriter.write(spec.expandedSource)
    guard let out = arguments.options["out"] else { return print(json, terminator: "") }
    do throws(OutputError) {
      try OutputFile.replace(out, with: json)
    } catch {
      throw CommandFailure.output(error)
    }
    let (nodes, links) = (spec.topology.nodes.count, spec.topology.links.count)
    FileHandle.standardError.write(
      Data(
        "fedchain: wrote the scenario with \(nodes) nodes and \(links) links to \(EchoedText.escaped(out))\n"
          .utf8))
  }
}
