import SimCore

/// Writes trace events as the JSON object form of the Chrome trace-event format:
///
/// ```json
/// {"traceEvents":[
/// {"name":"train","cat":"compute","ph":"X","pid":1,"tid":40,"ts":1520.250,"dur":830,"args":{…}},
/// …
/// ],
/// "displayTimeUnit":"ms",
/// "otherData":{…}}
/// ```
///
/// One event per line, members in a fixed order (`name`, `cat`, `ph`, `pid`, `tid`, `ts`,
/// `dur`, `s`, `bind_id`, `flow_out`/`flow_in`, `args`), so equal events give equal bytes.
/// `ts` and `dur` are microseconds, the format's unit, written from integer nanoseconds as a
/// whole number (`1520`) or with exactly three decimals (`1520.250`, never `1520.25`): no
/// `Double` is involved, and Perfetto reads them back to the exact nanosecond (its importer
/// rounds µs × 1000 to the nearest integer, exact while a time has at most 15 digits, i.e. for
/// runs shorter than about eleven simulated days).
/// `displayTimeUnit` only sets how `chrome://tracing` labels its axis; Perfetto ignores it.
///
/// Strings are escaped as `JSONWriter.quoted` escapes them. The text is built as bytes, since a
/// run's timeline can hold a million events.
enum TraceEventWriter {
  /// The file's text, ending in a newline.
  /// - Complexity: O(total size of the output).
  static func write(_ events: [TraceEvent], otherData: [(String, JSONValue)]) -> String {
    var out = Output()
    out.bytes.reserveCapacity(events.count * 160)
    out.append("{\"traceEvents\":[\n")
    for (index, event) in events.enumerated() {
      out.append(event)
      out.append(index + 1 < events.count ? ",\n" : "\n")
    }
    out.append("],\n\"displayTimeUnit\":\"ms\",\n\"otherData\":")
    out.append(JSONWriter.compact(.object(otherData)))
    out.append("}\n")
    return String(decoding: out.bytes, as: UTF8.self)
  }

  /// `nanoseconds` as microseconds: `1520` for 1,520,000 ns, `1520.250` for 1,520,250 ns.
  /// - Precondition: `nanoseconds ≥ 0`.
  static func microseconds(_ nanoseconds: Int64) -> String {
    var out = Output()
    out.appendMicroseconds(nanoseconds)
    return String(decoding: out.bytes, as: UTF8.self)
  }

  /// UTF-8 text under construction.
  private struct Output {
    var bytes: [UInt8] = []

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func append(_ number: some BinaryInteger) {
      append(String(number))
    }

    /// `text` as a JSON string literal, byte for byte what `JSONWriter.quoted` gives.
    mutating func appendQuoted(_ text: String) {
      // Only `"`, `\` and control characters are escaped; most names have none.
      if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
      ) {
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: text.utf8)
        bytes.append(UInt8(ascii: "\""))
      } else {
        append(JSONWriter.quoted(text))
      }
    }

    mutating func appendMicroseconds(_ nanoseconds: Int64) {
      precondition(nanoseconds >= 0, "TraceEventWriter: negative time \(nanoseconds) ns")
      let (whole, fraction) = nanoseconds.quotientAndRemainder(dividingBy: 1_000)
      append(whole)
      guard fraction != 0 else { return }
      bytes.append(UInt8(ascii: "."))
      bytes.append(UInt8(ascii: "0") + UInt8(fraction / 100))
      bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
      bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }

    mutating func append(_ event: TraceEvent) {
      append("{\"name\":")
      appendQuoted(event.name)
      if let category = event.category {
        append(",\"cat\":")
        appendQuoted(category)
      }
      append(",\"ph\":\"")
      append(event.phase.rawValue)
      append("\",\"pid\":")
      append(event.pid)
      append(",\"tid\":")
      append(event.tid)
      append(",\"ts\":")
      appendMicroseconds(event.time.nanosecondsSinceStart)
      if let duration = event.duration {
        append(",\"dur\":")
        appendMicroseconds(duration.nanoseconds)
      }
      if event.phase == .instant { append(",\"s\":\"t\"") }
      if let flow = event.flow {
        append(",\"bind_id\":")
        append(flow.id)
        append(flow.isOutgoing ? ",\"flow_out\":true" : ",\"flow_in\":true")
      }
      if !event.args.isEmpty {
        append(",\"args\":{")
        for (index, (key, value)) in event.args.enumerated() {
          if index > 0 { append(",") }
          appendQuoted(key)
          append(":")
          switch value.kind {
          case .number(let text): append(text)
          case .string(let text): appendQuoted(text)
          case .bool(let flag): append(flag ? "true" : "false")
          case .null: append("null")
          case .array, .object: append(JSONWriter.compact(value))
          }
        }
        append("}")
      }
      append("}")
    }
  }
}
