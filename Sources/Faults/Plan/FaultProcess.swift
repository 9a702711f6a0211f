import SimCore

/// A random fault process (`{"random": "crash", "role": "client", "mtbf": "600s", "mttr": "60s"}`):
/// each of its elements, on its own, stays up for an exponential time of mean
/// `meanTimeBetweenFailures`, then down for an exponential time of mean `meanTimeToRepair`, and
/// so on, starting up at `from`. At `until` the process stops, and an element it holds down comes
/// back then.
///
/// Each element is an alternating renewal process: in the long run it is down a fraction
/// mttr / (mtbf + mttr) of the time. Every element draws from its own stream,
/// `streams.make(.faultProcess(faultIndex), index: element.index)`, so its instants depend only on
/// the seed, the run, the process's position in the faults list and the element's dense ID: not
/// on the other elements, the other faults, or the thread count. The instants are drawn lazily,
/// one per change (`Walk`), since the length of a run is unknown when it starts.
public struct FaultProcess: Sendable, Hashable {
  /// The elements a process acts on: nodes that crash, or links that go down.
  public enum Targets: Sendable, Hashable {
    case nodes([NodeID])
    case links([LinkID])
  }

  public var targets: Targets
  /// The mean time an element stays up before it fails.
  public var meanTimeBetweenFailures: SimDuration
  /// The mean time a failed element stays down.
  public var meanTimeToRepair: SimDuration
  /// When the process starts, every element up, from the start of the run.
  public var from: SimDuration
  /// When it stops, or nil when it lasts to the end of the run.
  public var until: SimDuration?

  /// A process over `targets`.
  /// - Precondition: at least one target, positive means, and `until` after `from`.
  public init(
    targets: Targets, meanTimeBetweenFailures: SimDuration, meanTimeToRepair: SimDuration,
    from: SimDuration = .zero, until: SimDuration? = nil
  ) {
    precondition(
      meanTimeBetweenFailures > .zero && meanTimeToRepair > .zero,
      "FaultProcess: means must be positive, got mtbf \(meanTimeBetweenFailures), "
        + "mttr \(meanTimeToRepair)")
    precondition(
      until.map { $0 > from } ?? true,
      "FaultProcess: until \(until.map { "\($0)" } ?? "nil") is not after from \(from)")
    self.targets = targets
    self.meanTimeBetweenFailures = meanTimeBetweenFailures
    self.meanTimeToRepair = meanTimeToRepair
    self.from = from
    self.until = until
    precondition(elementCount > 0, "FaultProcess: no targets")
  }

  /// `faults.csv`'s `kind` for the process: `random-crash` or `random-link-down`.
  public var kind: String {
    switch targets {
    case .nodes: "random-crash"
    case .links: "random-link-down"
    }
  }

  /// How many elements the process acts on.
  public var elementCount: Int {
    switch targets {
    case .nodes(let nodes): nodes.count
    case .links(let links): links.count
    }
  }

  /// The element at `position` in the target list.
  public func element(at position: Int) -> FaultElement {
    switch targets {
    case .nodes(let nodes): .node(nodes[position])
    case .links(let links): .link(links[position])
    }
  }

  /// The changes of the element at `position`, for the process at `faultIndex` of the faults
  /// list, drawn from `streams`.
  public func walk(of position: Int, faultIndex: Int, streams: RandomStreams) -> Walk {
    Walk(
      process: self,
      generator: streams.make(.faultProcess(faultIndex), index: element(at: position).index))
  }
}

extension FaultProcess {
  /// The changes of one element, in time order: down, up, down, … from `from`, each sojourn an
  /// exponential draw rounded up to a whole nanosecond (at least 1 ns, so that time advances), and
  /// a last `up` at `until` when the element is down then. It ends at `until`, or when the next
  /// change would lie past `FaultElement.horizon`.
  ///
  /// Each `next()` draws one number, in O(1).
  public struct Walk: IteratorProtocol, Sendable {
    private let process: FaultProcess
    private var generator: Xoshiro256StarStar
    /// The time of the last change (`from` before the first).
    private var time: SimDuration
    private var isDown = false
    private var isFinished = false

    init(process: FaultProcess, generator: Xoshiro256StarStar) {
      self.process = process
      self.generator = generator
      self.time = process.from
    }

    public mutating func next() -> FaultElement.Change? {
      guard !isFinished else { return nil }
      let mean = isDown ? process.meanTimeToRepair : process.meanTimeBetweenFailures
      let nanoseconds = max(
        1, generator.nextExponential(mean: Double(mean.nanoseconds)).rounded(.up))
      // Past the horizon the candidate is never used, so it need not be representable.
      let room = Double(FaultElement.horizon.nanoseconds - time.nanoseconds)
      let candidate =
        nanoseconds < room ? time + SimDuration(nanoseconds: Int64(nanoseconds)) : nil
      if let until = process.until, candidate.map({ $0 >= until }) ?? true {
        isFinished = true
        guard isDown else { return nil }
        isDown = false
        return FaultElement.Change(time: until, isUp: true)
      }
      guard let candidate else {
        isFinished = true
        return nil
      }
      time = candidate
      isDown.toggle()
      return FaultElement.Change(time: candidate, isUp: !isDown)
    }
  }
}

extension StreamPurpose {
  /// The failures and repairs of the random fault process at `faultIndex` of a scenario's faults
  /// list; the stream's index is the element's dense ID.
  public static func faultProcess(_ faultIndex: Int) -> StreamPurpose {
    StreamPurpose("faultProcess[\(faultIndex)]")
  }
}
