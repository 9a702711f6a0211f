import Ledger
import Platform
import Schemes
import SimCore

/// Why a federated run ended before its last round: the sentence its warning ends with. The
/// causes are checked from the most to the least specific: a chain that lost its quorum, a server
/// that is down, sampled clients that are down, then the general case of updates that never came.
enum StopDiagnosis {
  /// The cause of a run of `fedavg` (its chain scheme, or with `twin` its vanilla twin) that
  /// ended before its last round, from the platform's health when it stopped (the injector stops
  /// with the stall, so that is the health the run stalled in).
  static func cause(
    of fedavg: ScenarioSpec.FedAvgSpec, twin: Bool, network: FlowNetwork, topology: Topology
  ) -> String {
    func names(_ nodes: [NodeID]) -> String {
      nodes.map { topology.nodes[$0.index].name }.joined(separator: ", ")
    }
    if let chain = fedavg.chain, !twin {
      let down = chain.validators.filter { !network.isUp($0) }
      let n = chain.validators.count
      switch chain.consensus {
      case .byzantine:
        let f = ByzantineEngine.faultTolerance(validatorCount: n)
        if down.count > f {
          return "the chain lost its quorum: \(down.count) of \(n) BFT validators were down "
            + "(\(names(down))), and a height commits only with 2f + 1 = \(2 * f + 1) up"
        }
      case .proofOfAuthority:
        let limit = ProofOfAuthorityEngine.signerLimit(signerCount: n)
        if n - down.count < limit {
          return "the chain stopped sealing: \(n - down.count) of \(n) PoA signers were up, and "
            + "Clique's signer limit (one block in any ⌊N/2⌋ + 1 = \(limit)) needs \(limit) "
            + "(down: \(names(down)))"
        }
      case .proofOfWork:
        if down.count == n { return "the chain stopped: every miner was down" }
      }
    } else if !network.isUp(fedavg.server) {
      return "the server \(names([fedavg.server])) was down"
    }
    let downClients = fedavg.clients.filter { !network.isUp($0) }
    if !downClients.isEmpty && fedavg.roundDeadline == nil {
      let shown = downClients.prefix(5)
      return "\(downClients.count) client(s) were down (\(names(Array(shown)))"
        + (downClients.count > shown.count ? ", …" : "")
        + ") and the round waited for them; set workload.deadline so that rounds end without them"
    }
    return "a round waited for updates that never came (lost messages, or silent clients); set "
      + "workload.deadline so that rounds end without them"
  }
}
