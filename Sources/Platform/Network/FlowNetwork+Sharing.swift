import SimCore
import SimKernel

/// The scratch arrays of `FlowNetwork.recompute`, kept between calls so that their storage is
/// reused. Visit marks are stamps compared with a counter, so nothing is cleared between calls.
struct RecomputeScratch {
  var stamp: UInt32 = 0
  var channelStamp: [UInt32] = []
  var flowStamp: [UInt32] = []
  var localChannel: [Int] = []
  var componentChannels: [Int] = []
  var componentFlows: [Int] = []
  var stack: [Int] = []
  var offsets: [Int] = []
  var incidences: [Int] = []
  var weights: [Double] = []
  var rates: [Double] = []
  var solver = MaxMinSolver(capacities: [])
  var workspace = MaxMinSolver.Workspace()
}

extension FlowNetwork {
  /// Notes that `channel`'s set of sharing flows changed and makes sure a recompute is scheduled:
  /// at this instant after everything already scheduled for it (exact), so that all flows that
  /// start or finish now are solved together, or at the next grid instant (batched). A grid
  /// instant beyond the clock is never scheduled (`noteSolveBeyondClock`).
  func markDirty(_ channel: Int, in simulation: Simulation) {
    if !isChannelDirty[channel] {
      isChannelDirty[channel] = true
      dirtyChannels.append(channel)
    }
    if !recomputeScheduled {
      recomputeScheduled = true
      if let instant = rateUpdate.solveInstant(after: simulation.now) {
        simulation.schedule(at: instant, events, event: FlowEvents.code(.recompute))
      } else {
        noteSolveBeyondClock(in: simulation)
      }
    }
  }

  /// Re-solves the component of flows reachable from the dirty channels and reschedules the
  /// completions of flows whose rate changed.
  /// - Complexity: O(I log I) for the I flow–channel incidences of the component (a sort of its
  ///   flows and channels, which makes the solve independent of the order they were found in).
  func recompute(in simulation: Simulation) {
    recomputeScheduled = false
    var s = RecomputeScratch()
    swap(&s, &scratch)
    defer { swap(&s, &scratch) }
    collectComponent(&s)
    guard !s.componentFlows.isEmpty else { return }
    s.componentFlows.sort()
    s.componentChannels.sort()
    for (local, channel) in s.componentChannels.enumerated() { s.localChannel[channel] = local }
    s.offsets.removeAll(keepingCapacity: true)
    s.offsets.append(0)
    s.incidences.removeAll(keepingCapacity: true)
    s.weights.removeAll(keepingCapacity: true)
    for f in s.componentFlows {
      let flow = flows[f]
      for k in flow.routeStart..<flow.routeEnd {
        s.incidences.append(s.localChannel[Int(routeChannels[k])])
      }
      s.offsets.append(s.incidences.count)
      s.weights.append(flow.weight)
    }
    s.solver.capacities.removeAll(keepingCapacity: true)
    for channel in s.componentChannels { s.solver.capacities.append(solverCapacities[channel]) }
    s.solver.solve(
      flowOffsets: s.offsets, resources: s.incidences, weights: s.weights, into: &s.rates,
      workspace: &s.workspace)
    #if DEBUG
      checkFeasibility(s)
    #endif
    for (k, f) in s.componentFlows.enumerated() where s.rates[k] != flows[f].rate {
      reschedule(f, rate: s.rates[k], in: simulation)
    }
  }

  /// Fills `componentChannels` and `componentFlows` with the channels and sharing flows connected
  /// to the dirty channels, and clears the dirty set.
  private func collectComponent(_ s: inout RecomputeScratch) {
    s.stamp &+= 1
    if s.stamp == 0 {
      // After 2³² recomputes the stamps wrap: start the marks afresh.
      for i in s.channelStamp.indices { s.channelStamp[i] = 0 }
      for i in s.flowStamp.indices { s.flowStamp[i] = 0 }
      s.stamp = 1
    }
    if s.flowStamp.count < flows.count {
      s.flowStamp.append(contentsOf: repeatElement(0, count: flows.count - s.flowStamp.count))
    }
    s.componentChannels.removeAll(keepingCapacity: true)
    s.componentFlows.removeAll(keepingCapacity: true)
    for channel in dirtyChannels {
      isChannelDirty[channel] = false
      if s.channelStamp[channel] != s.stamp {
        s.channelStamp[channel] = s.stamp
        s.stack.append(channel)
      }
    }
    dirtyChannels.removeAll(keepingCapacity: true)
    // The walk touches every incidence of the component; it runs over raw buffers so that no
    // array access pays a uniqueness or bounds check of its own (indices come from the network's
    // own tables, which `send` and `startSharing` keep in range).
    s.flowStamp.withUnsafeMutableBufferPointer { flowStamp in
      s.channelStamp.withUnsafeMutableBufferPointer { channelStamp in
        flows.withUnsafeBufferPointer { flows in
          routeChannels.withUnsafeBufferPointer { routeChannels in
            incidenceFlow.withUnsafeBufferPointer { incidenceFlow in
              let stamp = s.stamp
              while let channel = s.stack.popLast() {
                s.componentChannels.append(channel)
                channelUsers[channel].withUnsafeBufferPointer { users in
                  for k in users {
                    let f = Int(incidenceFlow[Int(k)])
                    if flowStamp[f] == stamp { continue }
                    flowStamp[f] = stamp
                    s.componentFlows.append(f)
                    for j in flows[f].routeStart..<flows[f].routeEnd {
                      let next = Int(routeChannels[j])
                      if channelStamp[next] != stamp {
                        channelStamp[next] = stamp
                        s.stack.append(next)
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /// Debug builds check every solve: no channel carries more than its capacity (up to rounding).
  private func checkFeasibility(_ s: RecomputeScratch) {
    var load = [Double](repeating: 0, count: s.componentChannels.count)
    for f in 0..<s.rates.count {
      for k in s.offsets[f]..<s.offsets[f + 1] { load[s.incidences[k]] += s.rates[f] }
    }
    for (local, channel) in s.componentChannels.enumerated() {
      let capacity = solverCapacities[channel]
      precondition(
        load[local] <= capacity * (1 + 1e-9),
        "FlowNetwork: channel \(channel) carries \(load[local]) B/s over its capacity \(capacity)")
    }
  }

  /// Brings flow `index`'s remaining bytes up to now at its old rate, sets its new rate and
  /// moves its completion event (or, when the completion falls beyond the clock, counts the flow
  /// in `flowsBeyondClock` until a later rate brings it back).
  private func reschedule(_ index: Int, rate: Double, in simulation: Simulation) {
    var flow = flows[index]
    let elapsed = (simulation.now - flow.lastUpdate).seconds
    flow.remaining = max(0, flow.remaining - flow.rate * elapsed)
    flow.lastUpdate = simulation.now
    flow.rate = rate
    simulation.cancel(flow.completion)
    let code = FlowEvents.code(.completion, flowBase + index)
    var completion: SimInstant? = simulation.now
    if flow.remaining > FlowNetwork.completionToleranceBytes {
      precondition(rate > 0, "FlowNetwork: flow \(index) has bytes left but rate 0")
      let seconds = flow.remaining / rate
      // `SimDuration(seconds:rounding:)` holds up to 9.2e18 ns; past that, beyond the clock.
      completion =
        seconds * 1e9 < 9.2e18
        ? Self.instant(
          afterNanoseconds: Int128(SimDuration(seconds: seconds, rounding: .up).nanoseconds),
          from: simulation.now)
        : nil
    }
    if let completion {
      flow.completion = simulation.schedule(at: completion, events, event: code)
    } else {
      flow.completion = EventHandle()
    }
    flows[index] = flow
    setBeyondClock(index, completion == nil, in: simulation)
  }
}
