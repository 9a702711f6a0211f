import Foundation
import Testing

@testable import fedchain

/// `--timeline`, `--timeline-nodes` and `--timeline-window` of `run` and `compare`: a bad
/// selection is a one-line usage error before anything runs; a good one writes the file whole.
struct TimelineCommandTests {
  /// A fresh folder holding `two-flows.json` (two 10 MB transfers to h3), and the scenario's path.
  private func scenario(_ name: String) throws -> (folder: String, path: String) {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("fedchain-timeline-\(name)-\(getpid())").path
    try? FileManager.default.removeItem(atPath: folder)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/two-flows.json"
    try Data(ScenarioFixtures.twoFlows.utf8).write(to: URL(fileURLWithPath: path))
    return (folder, path)
  }

  @Test(arguments: [
    (["--timeline-nodes", "h1"], "add --timeline"),
    (["--timeline-window", "0s,1s"], "add --timeline"),
    (["--timeline", "{T}", "--timeline-nodes", "h9"], "`h9` is neither a node"),
    (["--timeline", "{T}", "--timeline-nodes", "clients:none"], "`clients:none`"),
    (["--timeline", "{T}", "--timeline-window", "1s"], "not FROM,UNTIL"),
    (["--timeline", ""], "needs a file name"),
    (["--timeline", "{OUT}/timeline.json"], "lies in the output folder"),
  ])
  func badTimelineOptionsAreUsageErrors(options: [String], says: String) throws {
    let (folder, path) = try scenario("usage-" + says.filter(\.isLetter))
    let words = options.map {
      $0.replacingOccurrences(of: "{T}", with: folder + "/t.json")
        .replacingOccurrences(of: "{OUT}", with: folder + "/out")
    }
    let found = dispatchFailure(["run", path, "--out", folder + "/out", "--quiet"] + words)
    #expect(found?.code == .usage, "\(words) gave \(String(describing: found))")
    #expect(found?.message.contains(says) == true, "\(String(describing: found?.message))")
    #expect(found.map { !$0.message.contains("\n") } ?? false)
    // Refused before the run: no trace folder was written.
    #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
  }

  @Test func aRunWritesItsTimelineWholeBesideItsTraces() throws {
    let (folder, path) = try scenario("write")
    let timeline = folder + "/two-flows.timeline.json"
    #expect(
      dispatchFailure([
        "run", path, "--out", folder + "/out", "--quiet", "--timeline", timeline,
        "--timeline-nodes", "h1,h3",
      ]) == nil)
    let text = try String(contentsOfFile: timeline, encoding: .utf8)
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    let events = try #require(object?["traceEvents"] as? [[String: Any]])
    // h1 → h3 is shown whole (a send, an arrival, an arrow); of h2 → h3 only the arrival at h3.
    let names = events.filter { $0["ph"] as? String == "X" }.compactMap { $0["name"] as? String }
    #expect(names.sorted() == ["transfer ← h1", "transfer ← h2", "transfer → h3"])
    #expect(events.filter { $0["bind_id"] != nil }.count == 2)
    // Nothing left beside it: no partial file, no lock.
    let entries = try FileManager.default.contentsOfDirectory(atPath: folder)
    #expect(entries.sorted() == ["out", "two-flows.json", "two-flows.timeline.json"])
  }
}
