import Ledger
import Platform
import SimCore
import SimKernel

extension RoundDriver {
  /// The stall limit of a server scheme: an hour of nothing in flight, past any round deadline.
  public static let serverStallLimit = SimDuration.seconds(3_600)

  /// A scheme whose aggregator is a server (`composition.federation.server`): vanilla FedAvg and
  /// the compositions that keep its server.
  /// - Precondition: no validation stage (the scenario decoder refuses one without a chain).
  public static func server(
    name: String = "fedavg", composition: SchemeComposition, network: FlowNetwork,
    compute: ComputeCluster, backend: any TrainingBackend, streams: RandomStreams
  ) -> RoundDriver {
    precondition(
      composition.validation == nil,
      "\(name): validation is done by a chain's validators; a server scheme has none")
    let driver = RoundDriver(
      name: name, composition: composition, network: network, compute: compute,
      backend: backend, streams: streams,
      stallLimit: serverStallLimit + (composition.federation.roundDeadline ?? .zero))
    driver.coordinator = ServerCoordinator(driver: driver, streams: streams)
    return driver
  }

  /// A scheme whose aggregator is a federation contract on `engine`'s chain, whose validator i
  /// runs on `deployment.validators[i]`. The run stops (with `stalled` set) when nothing the
  /// scheme sent or started has been in flight for `stallLimit` plus the round deadline: without
  /// a round deadline, a lost message would otherwise leave the chain producing empty blocks
  /// until the end of simulated time. It must exceed the time the chain takes to include and
  /// confirm a transaction.
  public static func chain(
    name: String = "bcfl", composition: SchemeComposition, deployment: ChainDeployment,
    engine: any ConsensusEngine, network: FlowNetwork, compute: ComputeCluster,
    backend: any TrainingBackend, streams: RandomStreams, stallLimit: SimDuration = .seconds(3_600),
    gasSchedule: GasSchedule = .ethereum
  ) -> (driver: RoundDriver, chain: ChainCoordinator) {
    let driver = RoundDriver(
      name: name, composition: composition, network: network, compute: compute,
      backend: backend, streams: streams,
      stallLimit: stallLimit + (composition.federation.roundDeadline ?? .zero))
    let chain = ChainCoordinator(
      driver: driver, deployment: deployment, engine: engine, streams: streams,
      gasSchedule: gasSchedule)
    driver.coordinator = chain
    return (driver, chain)
  }
}
