import Foundation
import SimCore
import Testing

@testable import Traces

/// The trace-event file a `Timeline` writes: valid JSON in the documented schema, lanes for
/// overlapping slices, whole flow arrows, exact times.
struct TimelineTests {
  private func at(_ microseconds: Int64) -> SimInstant { .zero + .microseconds(microseconds) }

  /// A node with two overlapping tasks, a message to a second node, and a message whose
  /// receiver is not in the timeline.
  private func sample() -> String {
    var timeline = Timeline(tracks: ["rounds", "compute", "send", "receive"])
    let server = timeline.addProcess(name: "cloud (server)", pid: 1)
    let client = timeline.addProcess(name: "c0 (client)", pid: 2)
    timeline.addSlice(
      "round 1", category: "round", in: server, track: "rounds", from: at(0), to: at(900))
    timeline.addSlice(
      "train", category: "compute", in: server, track: "compute", from: at(10), to: at(50))
    timeline.addSlice(
      "train", category: "compute", in: server, track: "compute", from: at(20), to: at(60))
    timeline.addSlice(
      "model → c0", category: "message", in: server, track: "send", from: at(0), to: at(30),
      args: [("bytes", .integer(4012))], flow: .outgoing(7))
    timeline.addSlice(
      "model ← cloud", category: "message", in: client, track: "receive", from: at(30),
      to: at(30), flow: .incoming(7))
    timeline.addSlice(
      "model → c1", category: "message", in: server, track: "send", from: at(0), to: at(40),
      flow: .outgoing(8))
    timeline.addInstant(
      "crash injected", category: "fault", in: client, track: "rounds", at: at(500))
    return timeline.rendered(otherData: [("scenario", .string("sample"))])
  }

  private func events(_ text: String) throws -> [[String: Any]] {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    #expect(object?["displayTimeUnit"] as? String == "ms")
    #expect((object?["otherData"] as? [String: Any])?["scenario"] as? String == "sample")
    return try #require(object?["traceEvents"] as? [[String: Any]])
  }

  @Test func fileIsJSONInTheDocumentedSchema() throws {
    let events = try events(sample())
    for event in events {
      for key in ["name", "ph", "pid", "tid", "ts"] {
        #expect(event[key] != nil, "\(event) lacks \(key)")
      }
      if event["ph"] as? String == "X" {
        #expect(((event["dur"] as? NSNumber)?.doubleValue ?? -1) >= 0, "\(event)")
      }
    }
    // 2 processes × (name, sort index); threads: rounds, compute 1, compute 2, send 1, send 2 on
    // the server, receive and rounds on the client: 7 × (name, sort index); then 7 events.
    let expected = 4 + 14 + 7
    #expect(events.count == expected)
    let phases = events.map { $0["ph"] as? String ?? "" }
    #expect(phases.filter { $0 == "M" }.count == 18)
    #expect(phases.filter { $0 == "X" }.count == 6)
    #expect(phases.filter { $0 == "i" }.count == 1)
  }

  @Test func overlappingSlicesGetLanesAndThreadIdsAreUnique() throws {
    let events = try events(sample())
    var threadNames: [Int: String] = [:]
    for event in events where event["name"] as? String == "thread_name" {
      let tid = (event["tid"] as! NSNumber).intValue
      #expect(threadNames[tid] == nil, "tid \(tid) named twice")
      threadNames[tid] = (event["args"] as? [String: Any])?["name"] as? String
    }
    // Tids start after the largest pid (2), in order of process, kind and lane.
    #expect(
      threadNames == [
        3: "rounds", 4: "compute 1", 5: "compute 2", 6: "send 1", 7: "send 2", 8: "rounds",
        9: "receive",
      ])
    let trains = events.filter { $0["name"] as? String == "train" }
    #expect(trains.map { ($0["tid"] as! NSNumber).intValue } == [4, 5])
  }

  @Test func flowsWithBothEndsAreBoundAndOthersAreNot() throws {
    let events = try events(sample())
    let bound = events.filter { $0["bind_id"] != nil }
    // Flow 7 has both ends; flow 8's receiver is not in the timeline, so its sender is unbound.
    #expect(bound.count == 2)
    #expect(bound.allSatisfy { ($0["bind_id"] as! NSNumber).intValue == 7 })
    #expect(bound.filter { $0["flow_out"] as? Bool == true }.count == 1)
    #expect(bound.filter { $0["flow_in"] as? Bool == true }.count == 1)
  }

  @Test func eventsFollowTheirStartTimeWithExactMicroseconds() {
    let text = sample()
    let lines = text.split(separator: "\n").filter {
      !$0.contains(#""ph":"M""#) && $0.hasPrefix("{\"name")
    }
    #expect(lines.count == 7)
    #expect(
      lines[0].hasPrefix(
        #"{"name":"round 1","cat":"round","ph":"X","pid":1,"tid":3,"ts":0,"dur":900"#))
    #expect(lines.last?.contains(#""ph":"i","pid":2,"tid":8,"ts":500,"s":"t""#) == true)
    #expect(text == sample())
  }

  @Test func microsecondsAreWholeOrHaveThreeDecimals() {
    #expect(TraceEventWriter.microseconds(0) == "0")
    #expect(TraceEventWriter.microseconds(1) == "0.001")
    #expect(TraceEventWriter.microseconds(1_520_000) == "1520")
    #expect(TraceEventWriter.microseconds(1_520_250) == "1520.250")
    #expect(TraceEventWriter.microseconds(Int64.max) == "9223372036854775.807")
  }
}
