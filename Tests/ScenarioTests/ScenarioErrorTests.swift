import Foundation
import Testing

@testable import Scenario

/// Every malformed input gets one `ScenarioError` naming file, line, field, value and what is
/// accepted — never a crash.
struct ScenarioErrorTests {
  /// The issue's two-flow example with one line replaced.
  /// `scenarios/two-flows.json` (the issue's example), with one piece of text replaced.
  static func twoFlows(replacing original: String = "", with replacement: String = "") -> String {
    // Tests/ScenarioTests/ScenarioErrorTests.swift → the repository root is three levels up.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let file = root.appendingPathComponent("scenarios/two-flows.json")
    guard let text = try? String(contentsOf: file, encoding: .utf8) else {
      preconditionFailure("cannot read \(file.path)")
    }
    if original.isEmpty { return text }
    precondition(text.contains(original), "fixture does not contain \(original)")
    return text.replacingFirst(original, with: replacement)
  }

  private func error(_ text: String) -> ScenarioError? {
    do {
      _ = try ScenarioDecoder.decode(text, file: "two-flows.json")
      return nil
    } catch {
      return error
    }
  }

  @Test func theIssueExampleDecodes() throws {
    let spec = try ScenarioDecoder.decode(Self.twoFlows(), file: "two-flows.json")
    #expect(spec.topology.nodes.count == 4 && spec.topology.links.count == 3)
  }

  @Test func missingFieldNamesThePath() {
    let found = error(
      Self.twoFlows(
        replacing: #""latency": "10ms", "bandwidth": "10MBps"},"#, with: #""bandwidth": "10MBps"},"#
      ))
    #expect(
      found
        == .missingField(
          file: "two-flows.json", line: 4, path: "topology.links[0].latency",
          expected: TopologySchema.latency.accepts))
    #expect(
      found?.description.hasPrefix("`two-flows.json:4`: topology.links[0].latency is missing")
        == true)
  }

  @Test func unknownNodeIsReported() {
    let found = error(
      Self.twoFlows(replacing: #""between": ["r", "h3"]"#, with: #""between": ["r", "h9"]"#))
    #expect(
      found
        == .unknownReference(
          file: "two-flows.json", line: 6, path: "topology.links[2].between[1]", name: "h9",
          kind: "node"))
  }

  @Test func duplicateIDIsReported() {
    let found = error(Self.twoFlows(replacing: #"{"id": "h2"}"#, with: #"{"id": "h1"}"#))
    #expect(
      found == .duplicateID(file: "two-flows.json", line: 3, path: "topology.nodes[1].id", id: "h1")
    )
  }

  @Test(arguments: [#""0MBps""#, #""-1MBps""#, #""10mb""#, #""10 MBps""#, "10"])
  func badBandwidthIsRejected(value: String) {
    let found = error(
      Self.twoFlows(
        replacing: #""bandwidth": "10MBps"},"# + "\n", with: #""bandwidth": \#(value)},"# + "\n"))
    guard case .invalidValue(_, let line, let path, _, let accepted) = found else {
      Issue.record("expected invalidValue, got \(String(describing: found))")
      return
    }
    #expect(line == 4 && path == "topology.links[0].bandwidth")
    #expect(accepted.contains("Mbps") && accepted.contains("MBps"))
  }

  @Test(arguments: [#""10 ms""#, #""10""#, #""10mS""#, #""ms""#, #""-5ms""#])
  func unitTyposInDurationsAreRejected(value: String) {
    let found = error(
      Self.twoFlows(
        replacing: #"{"id": "l2", "between": ["h2", "r"], "latency": "10ms""#,
        with: #"{"id": "l2", "between": ["h2", "r"], "latency": \#(value)"#))
    guard case .invalidValue(_, 5, "topology.links[1].latency", let shown, let accepted) = found
    else {
      Issue.record("expected invalidValue at line 5, got \(String(describing: found))")
      return
    }
    #expect(shown == value)
    #expect(accepted.contains("\"10ms\""))
  }

  @Test func numberWithAUnitOutsideAStringIsASyntaxError() {
    // `10ms` without quotes is not JSON; the parser says to quote it.
    let found = error(
      Self.twoFlows(
        replacing: #""latency": "10ms", "bandwidth": "10MBps"},"#,
        with: #""latency": 10ms, "bandwidth": "10MBps"},"#))
    guard case .syntax(_, 4, _, let message) = found else {
      Issue.record("expected a syntax error on line 4, got \(String(describing: found))")
      return
    }
    #expect(message.contains("in quotes"))
  }

  @Test func missingRouteIsReported() {
    let found = error(
      Self.twoFlows(
        replacing:
          #"{"id": "l3", "between": ["r", "h3"], "latency": "10ms", "bandwidth": "10MBps"} ] },"#,
        with:
          #"{"id": "l3", "between": ["h1", "h2"], "latency": "10ms", "bandwidth": "10MBps"} ] },"#))
    #expect(
      found
        == .noRoute(
          file: "two-flows.json", line: 8, path: "workload.transfers[0]", from: "h1", to: "h3"))
  }

  @Test func misspeltFieldIsNotIgnored() {
    let found = error(
      Self.twoFlows(
        replacing: #""bandwidth": "10MBps"},"# + "\n", with: #""bandwith": "10MBps"},"# + "\n"))
    guard case .unknownField(_, 4, "topology.links[0].bandwith", let accepted) = found else {
      Issue.record("expected unknownField, got \(String(describing: found))")
      return
    }
    #expect(accepted.contains("bandwidth"))
  }

  @Test func malformedJSONReportsLineAndColumn() {
    let found = error(Self.twoFlows(replacing: #"{"id": "h2"},"#, with: #"{"id": "h2"},,"#))
    guard case .syntax(_, 3, _, _) = found else {
      Issue.record("expected a syntax error on line 3, got \(String(describing: found))")
      return
    }
  }

  @Test func wrongTypeIsReported() {
    let found = error(
      Self.twoFlows(
        replacing: #""bytes": 10000000, "start": "0s"},"#, with: #""bytes": true, "start": "0s"},"#)
    )
    guard case .invalidValue(_, 8, "workload.transfers[0].bytes", "true", _) = found else {
      Issue.record("expected invalidValue for bytes, got \(String(describing: found))")
      return
    }
  }

  @Test func emptyAndNonObjectDocumentsAreRejected() {
    #expect(error("") != nil)
    #expect(
      error("[]")
        == .wrongType(
          file: "two-flows.json", line: 1, path: "", found: "an array", expected: "an object"))
    #expect(
      error("{}")
        == .missingField(
          file: "two-flows.json", line: 1, path: "topology",
          expected: "an object with nodes and links, a generator, or a graphml file"))
  }

  @Test func everyTruncationOfAValidFileGivesAnErrorNotACrash() {
    let text = Self.twoFlows()
    let characters = Array(text)
    for length in stride(from: 0, to: characters.count, by: 7) {
      #expect(error(String(characters[0..<length])) != nil, "length \(length)")
    }
  }
}

extension String {
  func replacingFirst(_ target: String, with replacement: String) -> String {
    guard let range = range(of: target) else { return self }
    return replacingCharacters(in: range, with: replacement)
  }
}
