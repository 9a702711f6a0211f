/// Which trace files a run writes (`--traces`, a sweep's `traces`). `manifest.json` is always
/// written, and lists the files that were.
///
/// Unselected traces are not rendered at all, so a sweep that keeps only the light ones does not
/// pay for formatting `transfers.csv`. A selected trace that a run does not produce (`blocks` in a
/// run without a chain) is simply absent, as without a selection.
public struct TraceSelection: Sendable, Equatable, CustomStringConvertible {
  /// Every trace a run can write, in the order its files are written.
  public static let known = [
    "summary", "rounds", "updates", "faults", "reputation", "transfers", "tasks", "links",
    "blocks",
  ]
  /// What a sweep writes by default: the traces whose size grows with rounds, not with messages.
  public static let light = TraceSelection(["summary", "rounds", "faults"])
  /// Every trace.
  public static let all = TraceSelection(known)

  /// The selected traces, in `known` order.
  public let traces: [String]

  private init(_ traces: [String]) {
    self.traces = Self.known.filter(traces.contains)
  }

  /// Reads `summary,rounds,…` (names from `known`, at least one), or `all`, or `light`.
  /// - Throws: a one-line reason naming the bad word and what is accepted.
  public init(parsing text: String) throws(TraceSelectionError) {
    if text == "all" { self = .all; return }
    if text == "light" { self = .light; return }
    let words = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    for word in words where !Self.known.contains(word) {
      throw TraceSelectionError(
        message: "`\(word)` is not a trace; accepted: all, light (\(Self.light)), or a "
          + "comma-separated list of \(Self.known.joined(separator: ", "))")
    }
    self.init(words)
  }

  /// True when the file `name` (`rounds.csv`) is selected; the manifest always is.
  public func includes(file name: String) -> Bool {
    name == "manifest.json" || traces.contains { $0 + ".csv" == name }
  }

  /// True when the trace `name` (`rounds`) is selected.
  public func includes(_ name: String) -> Bool { traces.contains(name) }

  /// The comma-separated list, as `--traces` takes it.
  public var description: String { traces.joined(separator: ",") }
}

/// Why a trace list was refused.
public struct TraceSelectionError: Error, Sendable, CustomStringConvertible {
  public let message: String
  public var description: String { message }
}
