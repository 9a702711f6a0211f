import Foundation
import Testing

@testable import Scenario

/// Every scenario committed under `scenarios/` stays valid as the format evolves.
struct ExampleScenarioTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scenarios")

  static var files: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".json") }.sorted()
  }

  @Test func thereAreExampleScenarios() {
    #expect(Self.files.contains("default.json") && Self.files.contains("two-flows.json"))
  }

  @Test(arguments: files)
  func exampleScenarioDecodes(name: String) throws {
    let spec = try ScenarioLoader.load(path: Self.folder.appendingPathComponent(name).path)
    // Inputs are loaded too, except MNIST, which lives outside the repository and may be absent.
    if !name.hasPrefix("mnist") { try Experiment.checkInputs(spec) }
  }

  static var sweepFiles: [String] {
    let folder = Self.folder.appendingPathComponent("sweeps").path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".json") }.sorted()
  }

  @Test func thereAreExampleSweeps() { #expect(Self.sweepFiles.contains("block-period.json")) }

  /// Every sweep under `scenarios/sweeps/` decodes, and every point of it validates (MNIST
  /// sweeps without loading MNIST, which lives outside the repository and may be absent).
  @Test(arguments: sweepFiles)
  func exampleSweepValidates(name: String) throws {
    let path = Self.folder.appendingPathComponent("sweeps").appendingPathComponent(name).path
    let sweep = try SweepDecoder.load(path: path)
    if name.hasPrefix("mnist") {
      for point in sweep.points { _ = try sweep.scenario(at: point) }
    } else {
      try SweepDecoder.validatePoints(sweep)
    }
  }
}
