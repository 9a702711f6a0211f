/// `fedchain topology import`: GraphML to the scenario topology format.
enum TopologyImportCommand {
  static func run(_ words: [String]) throws {
    let arguments = try Arguments(words, valued: ["bandwidth", "latency", "out"], switches: ["help"])
    if arguments.flags.contains("help") { return print(Help.topologyImport, terminator: "") }
    throw CommandFailure(code: .internalError, message: "topology import is not available in this build yet")
  }
}
