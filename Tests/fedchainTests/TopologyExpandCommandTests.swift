import Foundation
import Scenario
import Testing
import Traces

@testable import fedchain

/// `fedchain topology expand`: what it writes, and its exit codes (64 usage, 65 bad input).
struct TopologyExpandCommandTests {
  private func failure(_ words: [String]) -> CommandFailure? { dispatchFailure(words) }

  /// A new scratch folder holding `name` with `contents`; returns the file's path.
  private func scratchFile(_ name: String, _ contents: String, test: String = #function) throws
    -> String
  {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("fedchain-expand-\(getpid())-\(test.filter(\.isLetter))").path
    try? FileManager.default.removeItem(atPath: folder)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/" + name
    try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  private static let star = """
    {"name": "star", "seed": 2, "topology": {"generator": "star", "leaves": 3, "leafCores": 2},
     "workload": {"kind": "transfers", "transfers": [
       {"id": "x", "from": "c0", "to": "server", "bytes": 1000}]}}
    """

  @Test func expandWritesTheExpandedScenarioToOut() throws {
    let path = try scratchFile("star.json", Self.star)
    let out = (path as NSString).deletingLastPathComponent + "/star-explicit.json"
    #expect(failure(["topology", "expand", path, "--out", out]) == nil)
    let written = try String(contentsOfFile: out, encoding: .utf8)
    #expect(written == JSONWriter.write(try ScenarioLoader.load(path: path).expandedSource))
    // The star written out: its hub, 3 leaves and 3 links, and no generator left.
    let spec = try ScenarioLoader.load(path: out)
    #expect(spec.topology.nodes.count == 4 && spec.topology.links.count == 3)
    #expect(spec.source["topology"]?["generator"] == nil)
    #expect(spec.topology.node(named: "c2")?.cores == 2)
    // Expanding the expansion writes the same bytes.
    let again = out + ".again.json"
    #expect(failure(["topology", "expand", out, "--out", again]) == nil)
    #expect(try String(contentsOfFile: again, encoding: .utf8) == written)
  }

  @Test(arguments: [
    ["topology", "expand"], ["topology", "expand", "a.json", "b.json"],
    ["topology", "expand", "a.json", "--out", ""], ["topology", "expand", "--colour"],
    ["topology", "flatten", "a.json"],
  ])
  func usageErrorsExitWith64(words: [String]) {
    let found = failure(words)
    #expect(found?.code == .usage, "\(words) gave \(String(describing: found))")
    #expect(found.map { !$0.message.contains("\n") } ?? false)
  }

  @Test func aScenarioThatDoesNotDecodeExitsWith65NamingTheField() throws {
    let path = try scratchFile(
      "bad.json", Self.star.replacingOccurrences(of: #""leafCores": 2"#, with: #""leafCores": 0"#))
    let found = failure(["topology", "expand", path])
    #expect(found?.code == .badInput)
    #expect(found?.message.contains("topology.leafCores") == true)
    #expect(failure(["topology", "expand", path + ".missing"])?.code == .badInput)
  }
}
