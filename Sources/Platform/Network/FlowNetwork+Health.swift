import SimCore
import SimKernel

/// Health: nodes and links that go down and come back, and loss windows.
///
/// Everything happens at the simulation's current instant. A message in flight when a node or
/// link of its route goes down is lost there and then, as a broken TCP connection would be: it is
/// not rerouted. Its flow leaves its channels (the flows it shared them with are re-solved at
/// this instant), its record is appended with `isLost` and `finish` = now, and its `onLoss` runs
/// from a zero-delay event, in flow order, after the change is complete. Later sends route around
/// whatever is down.
///
/// A run that never calls these methods, or calls them only with the state a node or link
/// already has, behaves and records exactly as if they did not exist.
extension FlowNetwork {
  // MARK: - Nodes and links

  /// True unless `node` is down.
  public func isUp(_ node: NodeID) -> Bool { router.isUp(node) }

  /// True unless `link` is down.
  public func isUp(_ link: LinkID) -> Bool { router.isUp(link) }

  /// Sets `node` up or down now. Going down loses every message in flight from it, to it or
  /// through it (see the extension's overview); setting a node to the state it has is a no-op.
  /// - Complexity: O(R) for the route entries of the messages sent since the oldest one still
  ///   in flight.
  public func setNode(_ node: NodeID, up: Bool, in simulation: Simulation) {
    guard router.setNode(node, up: up), !up else { return }
    loseFlows(in: simulation) { index in
      let record = messages[index]!.record
      if record.source == node || record.destination == node { return true }
      let flow = flows[index]
      return (flow.routeStart..<flow.routeEnd).contains { k in
        let link = topology.links[Int(routeChannels[k]) / 2]
        return link.a == node || link.b == node
      }
    }
  }

  /// Sets `link` up or down now. Going down loses every message in flight across it, in either
  /// direction (see the extension's overview); setting a link to the state it has is a no-op.
  /// - Complexity: as `setNode(_:up:in:)`.
  public func setLink(_ link: LinkID, up: Bool, in simulation: Simulation) {
    guard router.setLink(link, up: up), !up else { return }
    loseFlows(in: simulation) { index in
      let flow = flows[index]
      return (flow.routeStart..<flow.routeEnd).contains { Int(routeChannels[$0]) / 2 == link.index }
    }
  }

  // MARK: - Loss windows

  /// The probability that a message sent across `link` now is lost.
  public func lossRate(of link: LinkID) -> Double { lossRates[link.index] }

  /// Overrides `link`'s loss probability from now on with `rate` (a loss window opens), or with
  /// nil restores the link's own `lossRate` (the window closes).
  ///
  /// A message's fate is drawn when it is sent, from the link's loss stream as always, so a window
  /// affects the messages sent while it is open, and a run without windows draws exactly as
  /// before. A rate of 1 loses every message; a lost message still uses its bandwidth.
  /// - Precondition: `rate` is in [0, 1].
  public func setLossRate(_ rate: Double?, on link: LinkID, in simulation: Simulation) {
    let rate = rate ?? topology.links[link.index].lossRate
    precondition(
      rate >= 0 && rate <= 1, "FlowNetwork: loss rate \(rate) for \(link) outside [0, 1]")
    lossRates[link.index] = rate
  }

  /// Restores `link`'s own loss probability (closes a loss window).
  public func resetLossRate(on link: LinkID, in simulation: Simulation) {
    setLossRate(nil, on: link, in: simulation)
  }

  // MARK: - Losing messages

  /// Loses, in flow order, every message in flight for which `isAffected(flowIndex)` holds.
  private func loseFlows(in simulation: Simulation, where isAffected: (Int) -> Bool) {
    while oldestActiveFlow < flows.count && !flows[oldestActiveFlow].isActive {
      oldestActiveFlow += 1
    }
    var affected: [Int] = []
    for index in oldestActiveFlow..<flows.count where flows[index].isActive && isAffected(index) {
      affected.append(index)
    }
    for index in affected { lose(index, in: simulation) }
  }

  /// Ends flow `index` now as lost: its channels count the bytes it got through (rounded down),
  /// and its `onLoss` runs from a zero-delay event.
  private func lose(_ index: Int, in simulation: Simulation) {
    guard flows[index].isActive, var message = messages[index] else { return }
    let flow = flows[index]
    simulation.cancel(flow.completion)
    flows[index].completion = EventHandle()
    setBeyondClock(index, false, in: simulation)
    deactivate(index, in: simulation)
    if flow.isSharing {
      let elapsed = (simulation.now - flow.lastUpdate).seconds
      let remaining = max(0, flow.remaining - flow.rate * elapsed)
      flows[index].remaining = remaining
      flows[index].lastUpdate = simulation.now
      let size = message.record.size.bytes
      let carried = min(size, max(0, Int64((Double(size) - remaining).rounded(.down))))
      for k in flow.routeStart..<flow.routeEnd {
        channelBytes[Int(routeChannels[k])] += carried
      }
    }
    message.record.finish = simulation.now
    message.record.isLost = true
    record(message.record)
    if let onLoss = message.onLoss { simulation.schedule(after: .zero, onLoss) }
  }

  /// Files a message lost when sent (a down endpoint, or no route): it never enters the network,
  /// so its record has zero hops and finishes at its start.
  func loseAtOnce(
    from source: NodeID, to destination: NodeID, size: ByteCount, kind: String,
    transferID: String?, in simulation: Simulation, onLoss: Simulation.Action?
  ) -> FlowID {
    dropEndedFlows()
    let id = FlowID(flowBase + flows.count)
    let start = routeChannels.count
    flows.append(
      FlowState(
        routeStart: start, routeEnd: start, weight: 0, remaining: Double(size.bytes),
        lastUpdate: simulation.now, isActive: false))
    messages.append(nil)
    record(
      TransferRecord(
        flow: id, source: source, destination: destination, size: size, start: simulation.now,
        finish: simulation.now, kind: kind, transferID: transferID, hops: 0, isLost: true))
    if let onLoss { simulation.schedule(after: .zero, onLoss) }
    return id
  }
}
