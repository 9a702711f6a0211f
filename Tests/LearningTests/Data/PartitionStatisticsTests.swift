import Testing

@testable import Learning

struct PartitionStatisticsTests {
  @Test func entropyIsZeroForOneLabelAndLog2ForUniformLabels() {
    let labels: [Int32] = [0, 1, 2, 3, 0, 0]
    #expect(PartitionStatistics.labelEntropy(of: [0, 1, 2, 3], labels: labels, classCount: 4) == 2)
    #expect(PartitionStatistics.labelEntropy(of: [0, 4, 5], labels: labels, classCount: 4) == 0)
    #expect(PartitionStatistics.labelEntropy(of: [], labels: labels, classCount: 4) == 0)
    // Two labels in shares 1/2, 1/2 plus nothing else: exactly 1 bit.
    #expect(PartitionStatistics.labelEntropy(of: [0, 1], labels: labels, classCount: 4) == 1)
  }

  @Test func meanEntropySkipsEmptyClients() {
    let labels: [Int32] = [0, 1, 2, 3]
    // Clients: {0,1,2,3} (2 bits), {} (skipped), {0} (0 bits): mean 1 bit.
    #expect(
      PartitionStatistics.meanLabelEntropy(
        of: [[0, 1, 2, 3], [], [0]], labels: labels, classCount: 4) == 1)
  }

  @Test func coverageDefectsFindMissingRepeatedAndStrayIndices() {
    let defects = PartitionStatistics.coverageDefects(
      of: [[0, 1], [1, 3, -1], [7]], sampleCount: 5)
    #expect(defects.missing == [2, 4])
    #expect(defects.repeated == [1])
    #expect(defects.outOfRange == [-1, 7])
  }
}
