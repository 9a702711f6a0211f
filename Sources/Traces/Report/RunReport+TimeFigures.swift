// MARK: - Figures against simulated time: accuracy, blocks, fault windows

extension RunReport {
  /// The chart width of a figure that spans the page.
  static let wideWidth = 1100.0

  /// The time axis every figure against simulated time shares: 0 to the last instant a trace
  /// mentions, in seconds.
  var timeAxis: ChartAxis {
    let end = max(Double(endNanoseconds) / 1e9, 1e-9)
    return ChartAxis(
      title: "simulated time (s)", from: 0, to: end, ticks: NiceTicks(covering: 0, end, count: 10))
  }

  /// The most fault windows shaded behind a time chart; more would hide the lines.
  static let maximumFaultSpans = 20

  /// The windows of scheduled faults (random processes and availability traces left out), each
  /// distinct window once however many schemes saw it; none when there are more than
  /// `maximumFaultSpans`.
  private var shadedWindows: [FaultWindow] {
    var seen: [(start: Int64, end: Int64)] = []
    var shaded: [FaultWindow] = []
    for window in faults ?? []
    where !window.kind.hasPrefix("random-") && window.kind != "availability" {
      let end = end(of: window)
      guard !seen.contains(where: { $0.start == window.startNanoseconds && $0.end == end })
      else { continue }
      seen.append((window.startNanoseconds, end))
      shaded.append(window)
    }
    return shaded.count <= Self.maximumFaultSpans ? shaded : []
  }

  /// The shaded windows as grey spans behind a time chart.
  var faultSpans: [ChartMark] {
    var spans: [ChartMark] = []
    for window in shadedWindows {
      let end = end(of: window)
      spans.append(
        .span(
          ChartSpan(
            x0: Double(window.startNanoseconds) / 1e9, x1: Double(end) / 1e9,
            color: ChartPalette.fault, opacity: 0.10,
            tooltip: "fault \(window.fault) \(window.kind) \(window.target)")))
    }
    return spans
  }

  /// The caption's sentence about the grey spans, when there are any.
  private var faultSpansSentence: String {
    guard !(faults ?? []).isEmpty else { return "" }
    return shadedWindows.isEmpty
      ? " The fault windows are drawn below (Fault windows), not here: there are too many, or "
        + "only random ones."
      : " Grey spans: the windows of the scheduled faults (faults.csv; random processes are in "
        + "Fault windows below), darker where they overlap."
  }

  // MARK: - Accuracy

  /// The most rounds a line shows a dot for (with its tooltip); beyond, the dots would merge
  /// into a thick line.
  static let maximumDots = 100

  var accuracyFigure: String {
    let rows = rounds ?? []
    let accuracies = rows.compactMap(\.accuracy)
    guard let lowest = accuracies.min(), let highest = accuracies.max() else {
      return HTMLPage.figure(
        id: "fig-accuracy", title: "Accuracy against simulated time", panels: [],
        caption: "rounds.csv has no accuracy: the runs trained no real model (placeholder "
          + "training), so there is nothing to draw.")
    }
    var chart = SVGChart(
      title: "Test accuracy of the global model after each round against simulated time",
      x: timeAxis, y: ChartAxis(title: "accuracy", ticks: NiceTicks(covering: lowest, highest)),
      width: Self.wideWidth, height: 320)
    chart.marks = faultSpans
    for scheme in schemes {
      let mine = rows.filter { $0.scheme == scheme }
      guard !mine.isEmpty else { continue }
      chart.marks.append(
        .line(
          ChartLine(
            points: mine.map { (Double($0.endNanoseconds) / 1e9, $0.accuracy ?? .nan) },
            color: color(of: scheme), hasDots: mine.count <= Self.maximumDots,
            tooltips: mine.map {
              "\(scheme) round \($0.round): accuracy "
                + ($0.accuracy.map { DecimalText.fixed($0, decimals: 4) } ?? "none") + " at "
                + DecimalText.seconds(nanoseconds: $0.endNanoseconds)
            })))
      chart.legend.append(.init(label: scheme, color: color(of: scheme), symbol: .line))
    }
    return HTMLPage.figure(
      id: "fig-accuracy", title: "Accuracy against simulated time",
      panels: [("", chart.rendered)],
      caption: "Test accuracy of the global model at the end of each round (rounds.csv: "
        + "accuracy at end_ns), one line per scheme; a dot per round (up to "
        + "\(Self.maximumDots) rounds)." + faultSpansSentence)
  }

  // MARK: - Blocks

  var blocksFigure: String {
    let rows = blocks ?? []
    let highest = rows.map(\.height).max() ?? 0
    var chart = SVGChart(
      title: "Block height against creation time",
      x: timeAxis,
      y: ChartAxis(
        title: "height", ticks: NiceTicks(covering: 0, Double(highest), integral: true)),
      width: Self.wideWidth, height: 280)
    chart.marks = faultSpans
    var hasForks = false
    for scheme in schemes {
      let mine = rows.filter { $0.scheme == scheme }
      guard !mine.isEmpty else { continue }
      let canonical = mine.filter(\.isCanonical)
      let others = mine.filter { !$0.isCanonical }
      chart.marks.append(
        .line(
          ChartLine(
            points: canonical.map { (Double($0.createdNanoseconds) / 1e9, Double($0.height)) },
            color: color(of: scheme), joining: .steps, hasDots: canonical.count <= 2_000,
            tooltips: canonical.map { Self.tooltip($0) })))
      chart.legend.append(.init(label: scheme, color: color(of: scheme), symbol: .line))
      if !others.isEmpty {
        hasForks = true
        let forkColor = ChartPalette.color(schemes.count + 1)
        chart.marks.append(
          .line(
            ChartLine(
              points: others.map { (Double($0.createdNanoseconds) / 1e9, Double($0.height)) },
              color: forkColor, joining: .none, tooltips: others.map { Self.tooltip($0) })))
        chart.legend.append(
          .init(label: "\(scheme) off the canonical chain", color: forkColor, symbol: .box))
      }
    }
    return HTMLPage.figure(
      id: "fig-blocks", title: "Blocks over time", panels: [("", chart.rendered)],
      caption: "The height of each block against its creation (blocks.csv: created_ns), the "
        + "canonical chain as a step line" + (hasForks ? ", blocks off it as separate dots" : "")
        + "; hover a dot for its transactions, bytes and proposer." + faultSpansSentence)
  }

  private static func tooltip(_ block: Block) -> String {
    "height \(block.height) by \(block.proposer) at "
      + DecimalText.seconds(nanoseconds: block.createdNanoseconds) + ": "
      + "\(DecimalText.grouped(block.transactions)) transactions, "
      + "\(DecimalText.grouped(block.bytes)) bytes" + (block.isCanonical ? "" : ", not canonical")
  }

  // MARK: - Fault windows

  /// The most lanes drawn; a random fault process over many targets would make more.
  static let maximumFaultLanes = 60

  var faultsFigure: String {
    let windows = faults ?? []
    // One lane per fault and target, by fault index, then first appearance.
    var lanes: [(fault: Int64, kind: String, target: String)] = []
    for window in windows.sorted(by: { $0.fault < $1.fault })
    where !lanes.contains(where: { $0.fault == window.fault && $0.target == window.target }) {
      lanes.append((window.fault, window.kind, window.target))
    }
    let dropped = max(0, lanes.count - Self.maximumFaultLanes)
    lanes = Array(lanes.prefix(Self.maximumFaultLanes))
    let faulted = schemes.filter { scheme in windows.contains { $0.scheme == scheme } }
    // Lane 0 at the top: the category axis counts from the bottom.
    let names = lanes.reversed().map { "#\($0.fault) \($0.kind) \($0.target)" }
    var chart = SVGChart(
      title: "Fault windows per fault and target", x: timeAxis,
      y: ChartAxis(title: "", categories: names), width: Self.wideWidth,
      height: 70 + 22 * Double(lanes.count) + (faulted.count > 0 ? SVGChart.legendRowHeight : 0))
    let share = 0.8 / Double(max(faulted.count, 1))
    for window in windows {
      guard
        let lane = lanes.firstIndex(where: {
          $0.fault == window.fault && $0.target == window.target
        }),
        let slot = faulted.firstIndex(of: window.scheme)
      else { continue }
      let position = Double(lanes.count - 1 - lane)
      let bottom = position + 0.4 - share * Double(slot + 1)
      let end = end(of: window)
      chart.marks.append(
        .rectangle(
          ChartRectangle(
            x0: Double(window.startNanoseconds) / 1e9,
            x1: max(
              Double(end) / 1e9,
              Double(window.startNanoseconds) / 1e9 + Double(endNanoseconds) / 1e9 / 1_000),
            y0: bottom, y1: bottom + share, color: color(of: window.scheme),
            tooltip: "\(window.scheme): fault \(window.fault) \(window.kind) \(window.target), "
              + DecimalText.seconds(nanoseconds: window.startNanoseconds) + " to "
              + (window.endNanoseconds.map { DecimalText.seconds(nanoseconds: $0) }
                ?? "the end of the run (\(DecimalText.seconds(nanoseconds: end)))"))))
    }
    chart.legend = faulted.map { .init(label: $0, color: color(of: $0), symbol: .box) }
    return HTMLPage.figure(
      id: "fig-faults", title: "Fault windows", panels: [("", chart.rendered)],
      caption: "Each bar runs from a fault's injected event to its recovered event, or to the "
        + "end of the run (faults.csv), one lane per fault (its index in the scenario) and "
        + "target, one colour per scheme; a fault too short to see is drawn a thousandth of the "
        + "axis wide.",
      notes: dropped > 0 ? ["\(dropped) more lanes are not drawn."] : [])
  }
}
