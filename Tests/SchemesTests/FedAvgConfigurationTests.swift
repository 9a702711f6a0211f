import SimCore
import Testing

@testable import Schemes

struct FedAvgConfigurationTests {
  private func configuration(clients: Int, fraction: Double) -> FedAvgConfiguration {
    FedAvgConfiguration(
      server: NodeID(0), clients: (1...clients).map(NodeID.init), rounds: 1,
      clientFraction: fraction)
  }

  @Test(
    arguments: [
      // McMahan et al.: m = max(C·K, 1). C = 0.1 of 100 → 10; 0.1 of 30 → 3 (0.1 × 30 is
      // 3.0000000000000004 in binary, which must not become 4 nor 2); 0.1 of 5 → 1 (never 0).
      (100, 0.1, 10), (30, 0.1, 3), (5, 0.1, 1), (12, 0.5, 6), (7, 1.0, 7), (10, 0.3, 3),
    ] as [(Int, Double, Int)])
  func clientsPerRoundIsCTimesKRoundedDownButAtLeastOne(
    clients: Int, fraction: Double, expected: Int
  ) {
    #expect(configuration(clients: clients, fraction: fraction).clientsPerRound == expected)
  }

  @Test func placeholderWorkIsSixFlopPerParameterPerSamplePerEpoch() {
    // 6 × 1,000 parameters × 50 samples × 2 epochs = 600,000 flop.
    let backend = PlaceholderTraining(parameterCount: 1_000, samplesPerClient: [50, 20], epochs: 2)
    #expect(
      backend.train(clients: [ClientID(0), ClientID(1)], round: 1, conducts: [.honest, .honest])
        == [.flops(600_000), .flops(240_000)])
    // A free rider does not train.
    #expect(
      backend.train(
        clients: [ClientID(0), ClientID(1)], round: 1, conducts: [.attack(.freeRider), .silent])
        == [.zero, .flops(240_000)])
    // ParameterWireFormat: a 12-byte header and 4 bytes per parameter.
    #expect(backend.modelWireSize.bytes == 4_012)
    #expect(backend.evaluate() == nil)
  }
}
