import SimCore
import SimKernel

extension ByzantineEngine {
  // MARK: - Gossip: recovery, re-sends and view skips

  /// The size of a status message: height (8 bytes), view (8) and validator index (4).
  static let statusByteCount = 20

  /// `node` tells every other validator its height and view ("status"), asking for what it
  /// may have missed (`answerStatus`).
  func announce(_ node: Int, in simulation: Simulation) {
    sendStatus(from: node, to: (0..<keys.count).lazy.filter { $0 != node }, in: simulation)
  }

  /// Sends `node`'s status (its height) to each of `receivers`.
  private func sendStatus(
    from node: Int, to receivers: some Sequence<Int>, in simulation: Simulation
  ) {
    let height = states[node].height
    let size = ByteCount(bytes: Int64(Self.statusByteCount))
    var count = 0
    for peer in receivers {
      count += 1
      transport.send(
        from: NodeID(node), to: NodeID(peer), size: size, kind: "status", in: simulation
      ) { [unowned self] simulation in
        guard self.isUp[peer], !self.isStopped else { return }
        self.answerStatus(from: node, height: height, at: peer, in: simulation)
      }
    }
    countMessages(count, atHeight: height)
  }

  /// `node` answers `asker`'s status of `height`: a status of a later height shows `node` it
  /// is behind, and it syncs first; then, at the same height, it re-sends its messages of the
  /// height (`resend`), and ahead of the asker, it sends its own status, which makes the asker
  /// sync. Heights only grow (to at most the committed chain's), so the exchange ends.
  private func answerStatus(
    from asker: Int, height: Int, at node: Int, in simulation: Simulation
  ) {
    if height > states[node].height && committed.count > states[node].height {
      catchUp(node, in: simulation)
    }
    if height < states[node].height {
      sendStatus(from: node, to: CollectionOfOne(asker), in: simulation)
    } else {
      resend(from: node, to: CollectionOfOne(asker), in: simulation)
    }
  }

  /// Re-sends `node`'s messages of its current height to `receivers`: the proposal it holds for
  /// its view ("proposal"), then every vote it cast at the height, in casting order ("vote").
  /// Receivers count copies once; a re-sent message may sync them or move them to a later view
  /// (`accept`).
  func resend(from node: Int, to receivers: some Collection<Int>, in simulation: Simulation) {
    let state = states[node]
    if let proposal = state.proposals[state.view] {
      send(
        .proposal(proposal.block, view: state.view, validView: proposal.validView), from: node,
        to: receivers, isResent: true, in: simulation)
    }
    for vote in state.ownVotes {
      send(.vote(vote), from: node, to: receivers, isResent: true, in: simulation)
    }
  }

  /// True when f + 1 validators, so at least one that follows the protocol, have voted in
  /// `view` of `node`'s height: that view has started, and `node` may skip to it (Tendermint's
  /// round skip).
  func canSkip(to view: Int, at node: Int) -> Bool {
    let state = states[node]
    return state.voters(.prevote, view: view).unionCount(with: state.voters(.precommit, view: view))
      >= faultTolerance + 1
  }
}
