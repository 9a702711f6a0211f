import SimCore
import SimKernel

/// The flow-level network: messages become flows over routed channels that share bandwidth by
/// weighted max-min, following SimGrid's CM02 model.
///
/// A message's life: it is sent; it waits its route's total latency without using bandwidth; it
/// then joins the flows on its channels and shares their bandwidth (`MaxMinSolver`) until its
/// bytes are through; then it is delivered (or, if a lossy link dropped it, reported lost). There
/// is no cross-traffic and no TCP window limit. Rates are recomputed only for the connected
/// component of flows touched by a start or a finish, once per instant however many flows start
/// or finish in it.
///
/// Times: rates are `Double` bytes per second; a completion instant is the last update instant
/// plus the remaining bytes over the rate, rounded up to the next nanosecond, so a flow is never
/// delivered before its bytes are. A flow whose remaining bytes are within
/// `completionToleranceBytes` of zero is treated as complete.
public final class FlowNetwork: MessageTransport {
  /// The bytes a flow may still be "owed" when it is declared complete: absorbs the rounding of
  /// repeated `remaining -= rate × Δt` updates.
  public static let completionToleranceBytes = 1e-6

  public let topology: Topology
  public let sharing: SharingPolicy
  private var router: Router
  private let solverCapacities: [Double]

  private var flows: [FlowState?] = []
  /// Flows currently in their bandwidth-sharing phase, per channel index.
  private var channelUsers: [[Int]]
  private var dirtyChannels: [Int] = []
  private var isChannelDirty: [Bool]
  // Scratch for `recompute`: visit stamps per channel and flow, and a channel's local index.
  private var stamp: UInt32 = 0
  private var channelStamp: [UInt32]
  private var flowStamp: [UInt32] = []
  private var localChannel: [Int]
  private var recomputeScheduled = false
  private var lossStreams: [Xoshiro256StarStar]

  /// Finished messages in order of completion.
  public private(set) var records: [TransferRecord] = []
  /// Bytes carried so far per channel index (counted when a message completes).
  public private(set) var channelBytes: [Int64]
  /// Messages still in flight.
  public private(set) var activeFlowCount = 0

  /// Called for every finished message, after its record is appended; lets traces stream rows.
  public var onRecord: ((TransferRecord) -> Void)?

  private struct FlowState {
    var record: TransferRecord
    var channels: [Int]
    var weight: Double
    var remaining: Double
    var rate: Double = 0
    var lastUpdate: SimInstant
    var completion = EventHandle()
    var isSharing = false
    var onDelivery: Simulation.Action
    var onLoss: Simulation.Action?
  }

  /// A network over `topology` with the given sharing policy; `streams` seeds link losses.
  public init(topology: Topology, sharing: SharingPolicy = .cm02, streams: RandomStreams) {
    self.topology = topology
    self.sharing = sharing
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
    self.channelStamp = Array(repeating: 0, count: channelCount)
    self.localChannel = Array(repeating: 0, count: channelCount)
    self.channelBytes = Array(repeating: 0, count: channelCount)
    self.lossStreams = topology.links.map { streams.make(.linkLoss, index: $0.id.index) }
  }

  /// The route between two nodes, or nil if none exists.
  public func route(from source: NodeID, to destination: NodeID) -> Route? {
    router.route(from: source, to: destination)
  }

  // MARK: - Sending

  public func send(
    from source: NodeID, to destination: NodeID, size: ByteCount, kind: String,
    in simulation: Simulation, onDelivery: @escaping Simulation.Action
  ) {
    send(
      from: source, to: destination, size: size, kind: kind, in: simulation, onDelivery: onDelivery,
      onLoss: nil)
  }

  /// Sends a message; `onDelivery` runs when it arrives, `onLoss` (if given) when a lossy link
  /// dropped it. Returns the flow's ID.
  /// - Precondition: a route exists (the scenario validator checks this before a run).
  @discardableResult
  public func send(
    from source: NodeID, to destination: NodeID, size: ByteCount, kind: String,
    in simulation: Simulation, onDelivery: @escaping Simulation.Action,
    onLoss: Simulation.Action?
  ) -> FlowID {
    precondition(size.bytes >= 0, "FlowNetwork: negative message size \(size.bytes)")
    guard let route = router.route(from: source, to: destination) else {
      preconditionFailure(
        "FlowNetwork: no route from \(topology.nodes[source.index].name) to \(topology.nodes[destination.index].name)"
      )
    }
    let id = FlowID(flows.count)
    var isLost = false
    for channel in route.channels {
      let link = topology.links[channel.link.index]
      if link.lossRate > 0 && lossStreams[link.id.index].nextUnitDouble() < link.lossRate {
        isLost = true
      }
    }
    let record = TransferRecord(
      flow: id, source: source, destination: destination, size: size, start: simulation.now,
      finish: simulation.now, kind: kind, hops: route.channels.count, isLost: isLost)
    flows.append(
      FlowState(
        record: record, channels: route.channels.map(\.index),
        weight: sharing.weight(forRouteLatency: route.latency), remaining: Double(size.bytes),
        lastUpdate: simulation.now, onDelivery: onDelivery, onLoss: onLoss))
    flowStamp.append(0)
    activeFlowCount += 1
    simulation.schedule(after: route.latency) { [unowned self] simulation in
      self.startSharing(id.index, in: simulation)
    }
    return id
  }

  // MARK: - Flow life cycle

  private func startSharing(_ index: Int, in simulation: Simulation) {
    guard var flow = flows[index] else { return }
    if flow.channels.isEmpty || flow.remaining <= FlowNetwork.completionToleranceBytes {
      finish(index, in: simulation)
      return
    }
    flow.isSharing = true
    flow.lastUpdate = simulation.now
    flows[index] = flow
    for channel in flow.channels {
      channelUsers[channel].append(index)
      markDirty(channel, in: simulation)
    }
  }

  private func finish(_ index: Int, in simulation: Simulation) {
    guard var flow = flows[index] else { return }
    flows[index] = nil
    activeFlowCount -= 1
    if flow.isSharing {
      for channel in flow.channels {
        channelUsers[channel].removeAll { $0 == index }
        markDirty(channel, in: simulation)
      }
    }
    for channel in flow.channels { channelBytes[channel] += flow.record.size.bytes }
    flow.record.finish = simulation.now
    records.append(flow.record)
    onRecord?(flow.record)
    if flow.record.isLost {
      flow.onLoss?(simulation)
    } else {
      flow.onDelivery(simulation)
    }
  }

  private func markDirty(_ channel: Int, in simulation: Simulation) {
    if !isChannelDirty[channel] {
      isChannelDirty[channel] = true
      dirtyChannels.append(channel)
    }
    if !recomputeScheduled {
      recomputeScheduled = true
      // At the same instant, after everything already scheduled for it: all flows that start or
      // finish now are solved together.
      simulation.schedule(after: .zero) { [unowned self] simulation in
        self.recompute(in: simulation)
      }
    }
  }

  // MARK: - Sharing

  /// Re-solves the component of flows reachable from the dirty channels and reschedules the
  /// completions of flows whose rate changed.
  private func recompute(in simulation: Simulation) {
    recomputeScheduled = false
    // Collect the connected component (channels ↔ sharing flows). Marks are stamps compared with
    // a counter, so nothing is cleared between recomputations; order is made deterministic by
    // sorting below.
    stamp &+= 1
    var componentChannels: [Int] = []
    var componentFlows: [Int] = []
    var stack: [Int] = []
    for channel in dirtyChannels {
      isChannelDirty[channel] = false
      if channelStamp[channel] != stamp {
        channelStamp[channel] = stamp
        stack.append(channel)
      }
    }
    dirtyChannels.removeAll(keepingCapacity: true)
    while let channel = stack.popLast() {
      componentChannels.append(channel)
      for f in channelUsers[channel] where flowStamp[f] != stamp {
        flowStamp[f] = stamp
        componentFlows.append(f)
        for next in flows[f]!.channels where channelStamp[next] != stamp {
          channelStamp[next] = stamp
          stack.append(next)
        }
      }
    }
    guard !componentFlows.isEmpty else { return }
    componentFlows.sort()
    componentChannels.sort()
    for (local, channel) in componentChannels.enumerated() { localChannel[channel] = local }
    var offsets = [0]
    offsets.reserveCapacity(componentFlows.count + 1)
    var incidences: [Int] = []
    var weights: [Double] = []
    weights.reserveCapacity(componentFlows.count)
    for f in componentFlows {
      let flow = flows[f]!
      for channel in flow.channels { incidences.append(localChannel[channel]) }
      offsets.append(incidences.count)
      weights.append(flow.weight)
    }
    let solver = MaxMinSolver(capacities: componentChannels.map { solverCapacities[$0] })
    let rates = solver.rates(flowOffsets: offsets, resources: incidences, weights: weights)
    #if DEBUG
      checkFeasibility(rates, channels: componentChannels, offsets: offsets, incidences: incidences)
    #endif
    for (k, f) in componentFlows.enumerated() where rates[k] != flows[f]!.rate {
      reschedule(f, rate: rates[k], in: simulation)
    }
  }

  /// Debug builds check every solve: no channel carries more than its capacity (up to rounding).
  private func checkFeasibility(
    _ rates: [Double], channels: [Int], offsets: [Int], incidences: [Int]
  ) {
    var load = [Double](repeating: 0, count: channels.count)
    for f in 0..<rates.count {
      for k in offsets[f]..<offsets[f + 1] { load[incidences[k]] += rates[f] }
    }
    for (local, channel) in channels.enumerated() {
      let capacity = solverCapacities[channel]
      precondition(
        load[local] <= capacity * (1 + 1e-9),
        "FlowNetwork: channel \(channel) carries \(load[local]) B/s over its capacity \(capacity)")
    }
  }

  private func reschedule(_ index: Int, rate: Double, in simulation: Simulation) {
    var flow = flows[index]!
    let elapsed = (simulation.now - flow.lastUpdate).seconds
    flow.remaining = max(0, flow.remaining - flow.rate * elapsed)
    flow.lastUpdate = simulation.now
    flow.rate = rate
    simulation.cancel(flow.completion)
    if flow.remaining <= FlowNetwork.completionToleranceBytes {
      flow.completion = simulation.schedule(after: .zero) { [unowned self] in
        self.finish(index, in: $0)
      }
    } else {
      precondition(rate > 0, "FlowNetwork: flow \(index) has bytes left but rate 0")
      let delay = SimDuration(seconds: flow.remaining / rate, rounding: .up)
      flow.completion = simulation.schedule(after: delay) { [unowned self] in
        self.finish(index, in: $0)
      }
    }
    flows[index] = flow
  }
}
