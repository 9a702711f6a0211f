import SimCore
import SimKernel

/// The flow-level network: messages become flows over routed channels that share bandwidth by
/// weighted max-min, following SimGrid's CM02 model.
///
/// A message's life: it is sent; it waits its route's total latency without using bandwidth; it
/// then joins the flows on its channels and shares their bandwidth (`MaxMinSolver`) until its
/// bytes are through; then it is delivered (or, if a lossy link dropped it, reported lost). Nodes
/// and links can go down and up, and loss windows can raise a link's loss rate
/// (`FlowNetwork+Health.swift`): a message whose route breaks is lost at that instant. There
/// is no cross-traffic and no TCP window limit. Rates are recomputed only for the connected
/// component of flows touched by a start or a finish, once per instant however many flows start
/// or finish in it — or, with `RateUpdatePolicy.batched`, once per grid interval.
///
/// Times: rates are `Double` bytes per second; a completion instant is the last update instant
/// plus the remaining bytes over the rate, rounded up to the next nanosecond, so a flow is never
/// delivered before its bytes are. A flow whose remaining bytes are within
/// `completionToleranceBytes` of zero is treated as complete.
///
/// The clock ends about 292 years after the start (`Int64` nanoseconds). A message whose start of
/// sharing or completion would fall at or after that end is not scheduled: it counts in
/// `flowsBeyondClock`, and while any does, an event waits at the clock's last instant that stops
/// the run if reached (`FlowNetwork+EndOfTime.swift`). Inputs never make the network trap on time
/// arithmetic; scenario validation keeps real runs far from that end.
public final class FlowNetwork: MessageTransport {
  /// The bytes a flow may still be "owed" when it is declared complete: absorbs the rounding of
  /// repeated `remaining -= rate × Δt` updates.
  public static let completionToleranceBytes = 1e-6

  /// The topology the messages cross.
  public let topology: Topology
  /// How flows on a shared channel split it.
  public let sharing: SharingPolicy
  /// When shares are re-solved after starts and finishes.
  public let rateUpdate: RateUpdatePolicy
  var router: Router
  let solverCapacities: [Double]

  /// Per-flow state of the flows from `flowBase` on, flow `FlowID(flowBase + i)` at `i`; plain
  /// values, so reading one copies no references. Internally flows are named by that position;
  /// events and records carry the `FlowID`.
  var flows: [FlowState] = []
  /// The `FlowID` index of `flows[0]`: the flows before it ended and were dropped (see
  /// `dropEndedFlows`), so that the tables do not grow with every message ever sent.
  var flowBase = 0
  /// What a flow reports when it ends; nil once it has.
  var messages: [Message?] = []
  /// Every flow's channels, flow after flow (`flows[f].routeStart ..< routeEnd`).
  var routeChannels: [Int32] = []
  /// For each entry of `routeChannels` whose flow is sharing, its position in that channel's
  /// `channelUsers` list, so that leaving a channel is a swap with the last user.
  var userPosition: [Int32] = []
  /// The `routeChannels` entries of the flows sharing each channel (unordered).
  var channelUsers: [[Int32]]
  /// The flow owning each `routeChannels` entry.
  var incidenceFlow: [Int32] = []
  var dirtyChannels: [Int] = []
  var isChannelDirty: [Bool]
  var recomputeScheduled = false
  /// True once a re-solve fell at or after the clock's end and could not be scheduled.
  var isSolveBeyondClock = false
  /// The end-of-time event, pending while `flowsBeyondClock > 0 || isSolveBeyondClock`.
  var endOfTime = EventHandle()
  var lossStreams: [Xoshiro256StarStar]
  /// Per link, the probability that a message sent across it now is lost: the link's own
  /// `lossRate`, or a loss window's rate while one is open (`setLossRate(_:on:in:)`).
  var lossRates: [Double]
  /// No flow below this index is active; health changes scan from here (`FlowNetwork+Health`).
  var oldestActiveFlow = 0
  lazy var events = FlowEvents(network: self)
  var scratch = RecomputeScratch()

  /// Finished messages in order of completion (none kept when `keepsRecords` is false).
  public internal(set) var records: [TransferRecord] = []
  /// Whether finished messages are kept in `records`. A run that streams its rows through
  /// `onRecord` turns it off, so that its memory does not grow with its messages.
  public var keepsRecords = true
  /// Messages finished so far, and their bytes (kept or not).
  public internal(set) var finishedCount = 0
  public internal(set) var finishedBytes: Int64 = 0
  /// Bytes carried so far per channel index (counted when a message completes).
  public internal(set) var channelBytes: [Int64]
  /// Messages still in flight.
  public internal(set) var activeFlowCount = 0
  /// Messages in flight whose start of sharing or completion would fall at or after the clock's
  /// end, and which are therefore not scheduled (see the type's overview).
  package internal(set) var flowsBeyondClock = 0

  /// Called for every finished message, after its record is appended; lets traces stream rows.
  public var onRecord: ((TransferRecord) -> Void)?

  struct FlowState {
    var routeStart: Int
    var routeEnd: Int
    var weight: Double
    var remaining: Double
    var rate: Double = 0
    var lastUpdate: SimInstant
    /// The flow's pending event: its start of sharing until then, its completion after.
    var completion = EventHandle()
    var isSharing = false
    var isActive = true
    /// Counted in `flowsBeyondClock`: its next event could not be scheduled.
    var isBeyondClock = false
  }

  struct Message {
    var record: TransferRecord
    var onDelivery: Simulation.Action
    var onLoss: Simulation.Action?
  }

  /// A network over `topology` with the given sharing policy; `streams` seeds link losses;
  /// `rateUpdate` chooses exact re-solves at every start and finish (the default) or batched ones.
  /// - Precondition: a batched interval is positive.
  public init(
    topology: Topology, sharing: SharingPolicy = .cm02, rateUpdate: RateUpdatePolicy = .exact,
    streams: RandomStreams
  ) {
    if case .batched(let interval) = rateUpdate {
      precondition(
        interval.nanoseconds > 0, "FlowNetwork: batched interval must be positive, got \(interval)")
    }
    self.topology = topology
    self.sharing = sharing
    self.rateUpdate = rateUpdate
    self.router = Router(topology: topology)
    let channelCount = topology.channelCount
    var capacities = [Double](repeating: 0, count: channelCount)
    for link in topology.links {
      capacities[Channel(link: link.id, isAToB: true).index] = link.bandwidthAToB.bytesPerSecond
      capacities[Channel(link: link.id, isAToB: false).index] = link.bandwidthBToA.bytesPerSecond
    }
    self.solverCapacities = capacities
    self.channelUsers = Array(repeating: [], count: channelCount)
    self.isChannelDirty = Array(repeating: false, count: channelCount)
    self.channelBytes = Array(repeating: 0, count: channelCount)
    self.lossStreams = topology.links.map { streams.make(.linkLoss, index: $0.id.index) }
    self.lossRates = topology.links.map(\.lossRate)
    self.scratch.channelStamp = Array(repeating: 0, count: channelCount)
    self.scratch.localChannel = Array(repeating: 0, count: channelCount)
  }

  /// The route between two nodes, or nil if none exists.
  public func route(from source: NodeID, to destination: NodeID) -> Route? {
    router.route(from: source, to: destination)
  }

  // MARK: - Sending

  /// Sends a message; `onDelivery` runs when it arrives, `onLoss` (if given) when a lossy link
  /// dropped it (the `MessageTransport` requirement; see the next overload).
  public func send(
    from source: NodeID, to destination: NodeID, size: ByteCount, kind: String,
    in simulation: Simulation, onLoss: Simulation.Action?,
    onDelivery: @escaping Simulation.Action
  ) {
    send(
      from: source, to: destination, size: size, kind: kind, in: simulation, onDelivery: onDelivery,
      onLoss: onLoss)
  }

  /// Sends a message; `onDelivery` runs when it arrives, `onLoss` (if given) when it is lost: a
  /// lossy link dropped it, or a node or link of its route went down while it was in flight.
  /// Returns the flow's ID. A message whose route's latency ends beyond the clock is never
  /// delivered (see the type's overview).
  ///
  /// A message from or to a down node, or with no route left while some node or link is down, is
  /// lost at once: its record (zero hops, finish = start) is appended now, and `onLoss` runs
  /// from a zero-delay event, never inside this call.
  /// - Precondition: while everything is up, a route exists (the scenario validator checks this
  ///   before a run).
  @discardableResult
  public func send(
    from source: NodeID, to destination: NodeID, size: ByteCount, kind: String,
    transferID: String? = nil, in simulation: Simulation,
    onDelivery: @escaping Simulation.Action, onLoss: Simulation.Action?
  ) -> FlowID {
    precondition(size.bytes >= 0, "FlowNetwork: negative message size \(size.bytes)")
    guard let route = router.path(from: source, to: destination) else {
      precondition(
        !router.isAllUp,
        "FlowNetwork: no route from \(topology.nodes[source.index].name) to \(topology.nodes[destination.index].name)"
      )
      return loseAtOnce(
        from: source, to: destination, size: size, kind: kind, transferID: transferID,
        in: simulation, onLoss: onLoss)
    }
    dropEndedFlows()
    let id = FlowID(flowBase + flows.count)
    let position = flows.count
    var isLost = false
    for channel in route.channels {
      let link = channel.link.index
      let lossRate = lossRates[link]
      if lossRate > 0 && lossStreams[link].nextUnitDouble() < lossRate {
        isLost = true
      }
    }
    let record = TransferRecord(
      flow: id, source: source, destination: destination, size: size, start: simulation.now,
      finish: simulation.now, kind: kind, transferID: transferID, hops: route.channels.count,
      isLost: isLost)
    let arrival = Self.instant(afterNanoseconds: route.latencyNanoseconds, from: simulation.now)
    let routeStart = routeChannels.count
    for channel in route.channels {
      routeChannels.append(Int32(truncatingIfNeeded: channel.index))
      userPosition.append(-1)
      incidenceFlow.append(Int32(truncatingIfNeeded: position))
    }
    flows.append(
      FlowState(
        routeStart: routeStart, routeEnd: routeChannels.count,
        weight: arrival == nil
          ? 0
          : sharing.weight(
            forRouteLatency: SimDuration(nanoseconds: Int64(route.latencyNanoseconds))),
        remaining: Double(size.bytes), lastUpdate: simulation.now))
    messages.append(Message(record: record, onDelivery: onDelivery, onLoss: onLoss))
    activeFlowCount += 1
    if let arrival {
      // Kept so that a flow lost before it starts sharing leaves no event behind.
      flows[position].completion = simulation.schedule(
        at: arrival, events, event: FlowEvents.code(.startSharing, id.index))
    } else {
      setBeyondClock(position, true, in: simulation)
    }
    return id
  }

  /// `nanoseconds` after `now`, when that is before the clock's last instant; else nil.
  static func instant(afterNanoseconds nanoseconds: Int128, from now: SimInstant) -> SimInstant? {
    let sum = Int128(now.nanosecondsSinceStart) + nanoseconds
    return sum < Int128(Int64.max) ? SimInstant(nanosecondsSinceStart: Int64(sum)) : nil
  }

  // MARK: - Flow life cycle

  func startSharing(_ index: Int, in simulation: Simulation) {
    guard flows[index].isActive else { return }
    let flow = flows[index]
    if flow.routeStart == flow.routeEnd || flow.remaining <= FlowNetwork.completionToleranceBytes {
      finish(index, in: simulation)
      return
    }
    flows[index].isSharing = true
    flows[index].lastUpdate = simulation.now
    for k in flow.routeStart..<flow.routeEnd {
      let channel = Int(routeChannels[k])
      userPosition[k] = Int32(truncatingIfNeeded: channelUsers[channel].count)
      channelUsers[channel].append(Int32(truncatingIfNeeded: k))
      markDirty(channel, in: simulation)
    }
  }

  func finish(_ index: Int, in simulation: Simulation) {
    guard flows[index].isActive, var message = messages[index] else { return }
    let flow = flows[index]
    deactivate(index, in: simulation)
    for k in flow.routeStart..<flow.routeEnd {
      channelBytes[Int(routeChannels[k])] += message.record.size.bytes
    }
    message.record.finish = simulation.now
    record(message.record)
    if message.record.isLost {
      message.onLoss?(simulation)
    } else {
      message.onDelivery(simulation)
    }
  }
}

extension FlowNetwork {
  /// Drops the flows before the oldest one still active, once they are at least 1,024, half the
  /// table and a quarter of the channel count, with their route entries, and renumbers the rest:
  /// memory then follows the flows in flight, not every message sent (3 million in a
  /// 100,000-client pair). Each pass costs O(kept flows + channels), so amortised O(1) per
  /// dropped flow. Called when no flow position is held (at the start of `send`).
  func dropEndedFlows() {
    while oldestActiveFlow < flows.count && !flows[oldestActiveFlow].isActive {
      oldestActiveFlow += 1
    }
    let drop = oldestActiveFlow
    guard drop >= 1_024, 2 * drop >= flows.count, 4 * drop >= channelUsers.count else { return }
    let routeDrop = drop < flows.count ? flows[drop].routeStart : routeChannels.count
    flows.removeFirst(drop)
    messages.removeFirst(drop)
    routeChannels.removeFirst(routeDrop)
    userPosition.removeFirst(routeDrop)
    incidenceFlow.removeFirst(routeDrop)
    for i in flows.indices {
      flows[i].routeStart -= routeDrop
      flows[i].routeEnd -= routeDrop
    }
    let (flowShift, routeShift) = (Int32(drop), Int32(routeDrop))
    for k in incidenceFlow.indices { incidenceFlow[k] -= flowShift }
    // Only sharing flows, all kept, have entries among a channel's users.
    for channel in channelUsers.indices where !channelUsers[channel].isEmpty {
      for j in channelUsers[channel].indices { channelUsers[channel][j] -= routeShift }
    }
    if scratch.flowStamp.count > drop {
      scratch.flowStamp.removeFirst(drop)
    } else {
      scratch.flowStamp.removeAll()
    }
    oldestActiveFlow = 0
    flowBase += drop
  }

  /// Appends a finished message's record and reports it to `onRecord`.
  func record(_ record: TransferRecord) {
    finishedCount += 1
    finishedBytes += record.size.bytes
    if keepsRecords { records.append(record) }
    onRecord?(record)
  }

  /// Marks flow `index` ended: it stops counting as active and, if it was sharing, leaves its
  /// channels (whose shares are then re-solved).
  func deactivate(_ index: Int, in simulation: Simulation) {
    let flow = flows[index]
    flows[index].isActive = false
    messages[index] = nil
    activeFlowCount -= 1
    if flow.isSharing {
      flows[index].isSharing = false
      for k in flow.routeStart..<flow.routeEnd {
        let channel = Int(routeChannels[k])
        let position = Int(userPosition[k])
        let last = channelUsers[channel].removeLast()
        if Int(last) != k {
          channelUsers[channel][position] = last
          userPosition[Int(last)] = Int32(truncatingIfNeeded: position)
        }
        userPosition[k] = -1
        markDirty(channel, in: simulation)
      }
    }
  }
}

/// The network's own events (a flow starts sharing, a flow completes, shares are re-solved, the
/// clock's end is reached), scheduled as integer codes so that none allocates.
final class FlowEvents: EventHandler {
  enum Kind: UInt64 {
    case startSharing = 0
    case completion = 1
    case recompute = 2
    case endOfTime = 3
  }

  unowned let network: FlowNetwork

  init(network: FlowNetwork) { self.network = network }

  static func code(_ kind: Kind, _ index: Int = 0) -> UInt64 {
    kind.rawValue << 56 | UInt64(index)
  }

  func handle(_ event: UInt64, in simulation: Simulation) {
    // Events carry the flow's ID; the tables hold flows from `flowBase` on (a dropped flow had
    // ended, and an ended flow has no pending event, but one would be ignored).
    let position = Int(event & (1 << 56 - 1)) - network.flowBase
    switch Kind(rawValue: event >> 56) {
    case .startSharing where position >= 0: network.startSharing(position, in: simulation)
    case .completion where position >= 0: network.finish(position, in: simulation)
    case .startSharing, .completion: break
    case .recompute: network.recompute(in: simulation)
    case .endOfTime: network.endOfTimeReached(in: simulation)
    case nil: preconditionFailure("FlowEvents: unknown event code \(event)")
    }
  }
}
