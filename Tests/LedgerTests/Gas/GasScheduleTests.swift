import SimCore
import Testing

@testable import Ledger

struct GasScheduleTests {
  /// An update commitment: payload 40 bytes, unsigned encoding 94 bytes (3 words of 32).
  /// Ethereum prices: 21,000 + 16 × 40 + 3,000 + (60 + 12 × 3) = 24,736.
  @Test func commitmentGasIsTheSumOfTheDocumentedParts() {
    let transaction = LedgerFixtures.commitment(client: 1)
    #expect(GasSchedule.ethereum.gas(for: transaction) == 24_736)
    #expect(transaction.gasLimit == 24_736)
  }

  /// An on-chain update of 1,000 bytes: payload 16 + 5 + 1,000 = 1,021 bytes, unsigned
  /// encoding 1,075 bytes = 34 words. 21,000 + 16 × 1,021 + 3,000 + 60 + 12 × 34 = 40,804.
  /// Off chain the payload is 16 + 41 = 57 bytes whatever the size (111 bytes = 4 words):
  /// 21,000 + 912 + 3,000 + 60 + 48 = 25,020.
  @Test func onChainBytesCostGasAndOffChainReferencesDoNot() {
    let onChain = TransactionPayload.modelUpdate(
      ModelUpdate(
        client: ClientID(0), round: 1, sampleCount: 1,
        content: .onChain([UInt8](repeating: 1, count: 1_000))))
    let offChain = TransactionPayload.modelUpdate(
      ModelUpdate(
        client: ClientID(0), round: 1, sampleCount: 1,
        content: .offChain(
          ContentReference(hash: ContentHash(.zero), byteCount: .megabytes(10)))))
    #expect(GasSchedule.ethereum.gas(for: onChain) == 40_804)
    #expect(GasSchedule.ethereum.gas(for: offChain) == 25_020)
  }

  /// A scenario may override any constant: with 68 gas per byte (Ethereum before EIP-2028) the
  /// commitment costs 52 × 40 = 2,080 more.
  @Test func overriddenConstantsChangeTheGas() {
    var schedule = GasSchedule.ethereum
    schedule.payloadByteCost = 68
    #expect(schedule.gas(for: LedgerFixtures.commitment(client: 1)) == 24_736 + 2_080)
    #expect(schedule.gas(forHashing: 0) == 60)
    #expect(schedule.gas(forHashing: 33) == 60 + 24)
  }
}
