import Faults
import Platform
import SimCore
import Traces

/// Availability traces: `{"availability": "traces/c3.txt", "node": "c3"}`, a SimGrid state file
/// read relative to the scenario file's folder.
///
/// The file holds one item per line, surrounding blanks ignored:
/// - `TIME VALUE`: from TIME (seconds, a decimal number with at most nine decimals, from 0 to
///   100 years) the element is up (VALUE 1) or down (VALUE 0); times are non-decreasing;
/// - `PERIODICITY P`: the list repeats every P seconds (P after the last time), SimGrid's
///   meaning since 3.30 (`ProfileBuilder.cpp`);
/// - `LOOPAFTER D`: the list restarts D seconds (D > 0) after its last line, as SimGrid's XML
///   reference describes it (`1 0`, `2 1`, `LOOPAFTER 8`: off again at 11 s), which is a period of
///   last time + D; at most one of the two;
/// - a blank line, or a comment starting with `#` (or `%`, as SimGrid also allows).
///
/// SimGrid's stochastic profiles (`STOCHASTIC`) are refused; so is a value other than 0 or 1 (to
/// SimGrid any non-zero value is up).
extension FaultDecoder {
  /// The states and period of one state file.
  struct StateFile: Equatable {
    var states: [FaultElement.Change]
    var period: SimDuration?
  }

  /// The trace `entry` describes: its element (`node` or `link`) and its file's states.
  static func availabilityTrace(_ entry: ObjectReader, context: inout Context)
    throws(ScenarioError) -> AvailabilityTrace
  {
    let field = Schema.availability
    guard let path = try entry.read(field) else {
      throw .missingField(
        file: entry.file, line: entry.value.line, path: entry.path(of: field),
        expected: field.accepts)
    }
    let shown = entry.member(field.name)?.excerpt ?? "\"\(path)\""
    let element: FaultElement
    let topology = context.topology
    switch (entry.member(Schema.node.name), entry.member(Schema.link.name)) {
    case (.some, .some(let link)):
      throw entry.violation(
        Schema.link, value: link.excerpt,
        accepted: "either `node` or `link`, not both: a trace drives one element")
    case (.some, nil):
      element = .node(try requiredNode(Schema.node, in: entry, topology: topology))
    case (nil, .some):
      element = .link(try requiredLink(Schema.link, in: entry, topology: topology))
    case (nil, nil):
      throw .missingField(
        file: entry.file, line: entry.value.line, path: entry.path(of: Schema.node),
        expected: "`node` (a node id) or `link` (a link id): the element the trace drives")
    }
    let resolved = InputFile.resolved(path, against: context.baseDirectory)
    if let known = context.traces[resolved] {
      return AvailabilityTrace(element: element, states: known.states, period: known.period)
    }
    let text: String
    do {
      text = try InputFile.readText(
        resolved, limitBytes: Schema.maximumTraceBytes, what: "state file")
    } catch {
      throw entry.violation(field, value: shown, accepted: "a readable state file: \(error)")
    }
    let bytes = text.utf8.count
    if bytes > Schema.maximumTraceBytesTotal - context.traceBytes {
      throw entry.violation(
        field, value: shown,
        accepted:
          "at most \(InputFile.mebibytes(Schema.maximumTraceBytesTotal)) of state files across "
          + "the faults list (each file counted once); with this one they take "
          + "\(InputFile.mebibytes(context.traceBytes + bytes))")
    }
    context.traceBytes += bytes
    let stateFile = try parseStateFile(text, file: resolved, path: entry.path(of: field))
    if stateFile.states.isEmpty {
      throw entry.violation(
        field, value: shown,
        accepted: "a state file with at least one `TIME VALUE` line; `\(resolved)` has none")
    }
    context.traces[resolved] = stateFile
    return AvailabilityTrace(element: element, states: stateFile.states, period: stateFile.period)
  }

  // MARK: - The file

  /// The states and period `text` lists; an error is at `file` and the line, names the scenario
  /// field `path`, echoes the line and says what a line may hold.
  /// - Complexity: O(text).
  static func parseStateFile(_ text: String, file: String, path: String) throws(ScenarioError)
    -> StateFile
  {
    var states: [FaultElement.Change] = []
    // The last `TIME VALUE` line, and the one `PERIODICITY` or `LOOPAFTER` line.
    var last: (number: Int, time: SimDuration)?
    var loop: (number: Int, text: String, isPeriod: Bool, length: SimDuration)?
    var number = 0
    for bytes in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      number += 1
      let tokens = bytes.split { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
      guard let first = tokens.first, first.first != UInt8(ascii: "#"),
        first.first != UInt8(ascii: "%")
      else { continue }
      func refuse(_ accepted: String) -> ScenarioError {
        let line = lineText(bytes)
        return .invalidValue(file: file, line: number, path: path, value: line, accepted: accepted)
      }
      let keyword = String(decoding: first, as: UTF8.self)
      switch keyword {
      case "PERIODICITY", "LOOPAFTER":
        let isPeriod = keyword == "PERIODICITY"
        if let loop {
          throw refuse(
            "at most one `PERIODICITY` or `LOOPAFTER` line: line \(loop.number) is one already")
        }
        let what = isPeriod ? "a period" : "a delay after the last line"
        guard tokens.count == 2, let length = seconds(tokens[1]), length > .zero else {
          throw refuse(
            "`\(keyword)` and \(what) in seconds: a decimal number above 0 such as 3600 or 0.5 "
              + "(at most nine decimals), up to \(SimulationHorizon.perActivity)")
        }
        loop = (number, lineText(bytes), isPeriod, length)
      case "STOCHASTIC":
        throw refuse(
          "a deterministic trace: SimGrid's stochastic profiles (`STOCHASTIC`) are not supported")
      default:
        guard tokens.count == 2 else {
          throw refuse(
            "a line `TIME VALUE` (seconds, then 1 for up or 0 for down), `PERIODICITY P`, "
              + "`LOOPAFTER D`, a `#` comment or a blank line")
        }
        guard let time = seconds(tokens[0]) else {
          throw refuse(
            "a time in seconds as a decimal number such as 12 or 0.25 (at most nine decimals), "
              + "from 0 to \(SimulationHorizon.perActivity), then "
              + "1 for up or 0 for down")
        }
        guard let isUp = state(tokens[1]) else {
          throw refuse("a state after the time: 1 for up or 0 for down")
        }
        if let last, time < last.time {
          throw refuse(
            "times in non-decreasing order: line \(last.number) is at \(last.time) already")
        }
        last = (number, time)
        states.append(FaultElement.Change(time: time, isUp: isUp))
      }
    }
    guard let loop, let last else { return StateFile(states: states, period: nil) }
    let period = loop.isPeriod ? loop.length : last.time + loop.length
    if period < FaultSchema.shortestChange {
      throw .invalidValue(
        file: file, line: loop.number, path: path, value: loop.text,
        accepted:
          "a repetition every \(FaultSchema.shortestChange) or more: a shorter one would change "
          + "the element's state millions of times per simulated second")
    }
    if loop.isPeriod, loop.length <= last.time {
      throw .invalidValue(
        file: file, line: loop.number, path: path, value: loop.text,
        accepted:
          "a period after the last time (\(last.time), line \(last.number)): the list repeats "
          + "every period, so it must end before its next repetition starts")
    }
    return StateFile(states: states, period: period)
  }

  /// `token` as seconds: digits, optionally a point and one to nine more, at most 100 years; nil
  /// for anything else (signs, exponents and units included).
  static func seconds(_ token: Substring.UTF8View) -> SimDuration? {
    var whole: Int64 = 0
    var fraction: Int64 = 0
    var wholeDigits = 0
    var fractionDigits = 0
    var hasPoint = false
    for byte in token {
      if byte == UInt8(ascii: ".") {
        guard !hasPoint else { return nil }
        hasPoint = true
        continue
      }
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
      let digit = Int64(byte - UInt8(ascii: "0"))
      if hasPoint {
        guard fractionDigits < 9 else { return nil }
        fraction = fraction * 10 + digit
        fractionDigits += 1
      } else {
        // Past 10¹² s the value is out of range anyway; stop before `Int64` overflows.
        guard whole < 1_000_000_000_000 else { return nil }
        whole = whole * 10 + digit
        wholeDigits += 1
      }
    }
    guard wholeDigits > 0, !hasPoint || fractionDigits > 0,
      whole <= SimulationHorizon.perActivity.nanoseconds / 1_000_000_000
    else { return nil }
    for _ in fractionDigits..<9 { fraction *= 10 }
    let duration = SimDuration(nanoseconds: whole * 1_000_000_000 + fraction)
    return duration <= SimulationHorizon.perActivity ? duration : nil
  }

  /// `token` as a state: `1` (up) or `0` (down), optionally with a point and zeros (`1.0`); nil
  /// for anything else.
  static func state(_ token: Substring.UTF8View) -> Bool? {
    guard let first = token.first, first == UInt8(ascii: "0") || first == UInt8(ascii: "1") else {
      return nil
    }
    let rest = token.dropFirst()
    if !rest.isEmpty {
      guard rest.first == UInt8(ascii: "."), rest.count > 1,
        rest.dropFirst().allSatisfy({ $0 == UInt8(ascii: "0") })
      else { return nil }
    }
    return first == UInt8(ascii: "1")
  }
}

/// A line of a state file as an error echoes it: without its surrounding blanks.
private func lineText(_ bytes: Substring.UTF8View) -> String {
  func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
  var trimmed = bytes.drop(while: isBlank)
  while let last = trimmed.last, isBlank(last) { trimmed = trimmed.dropLast() }
  return String(decoding: trimmed, as: UTF8.self)
}
