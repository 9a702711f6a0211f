import SimCore
import Testing

@testable import Learning

struct PartitionSchemeTests {
  /// 1000 labels in 10 classes of uneven sizes (class c has 55 + 10·c samples: 55 … 145, which
  /// add to 1000), interleaved rather than sorted.
  private static let labels: [Int32] = {
    var sizes = (0..<10).map { 55 + 10 * $0 }  // 55…145, sum 1000
    var labels: [Int32] = []
    var label = 0
    while labels.count < 1000 {
      if sizes[label] > 0 {
        labels.append(Int32(label))
        sizes[label] -= 1
      }
      label = (label + 1) % 10
    }
    return labels
  }()

  private static let schemes: [PartitionScheme] = [
    .iid, .pathological(), .pathological(shardsPerClient: 3), .dirichlet(alpha: 0.1),
    .dirichlet(alpha: 1, minimumClientSize: 5), .unbalanced(sigma: 1.5),
  ]

  private func partition(
    _ scheme: PartitionScheme, clients: Int, seed: UInt64 = 7, labels: [Int32] = labels
  ) throws -> [[Int]] {
    var generator = RandomStreams(seed: seed).make(.dataPartitioning)
    return try scheme.partition(
      labels: labels, classCount: 10, clientCount: clients, using: &generator)
  }

  @Test(arguments: schemes, [1, 7, 50])
  func everySampleGoesToExactlyOneClient(scheme: PartitionScheme, clients: Int) throws {
    let parts = try partition(scheme, clients: clients)
    #expect(parts.count == clients)
    let defects = PartitionStatistics.coverageDefects(of: parts, sampleCount: 1000)
    #expect(defects.missing.isEmpty && defects.repeated.isEmpty && defects.outOfRange.isEmpty)
    #expect(parts.allSatisfy { $0 == $0.sorted() })
  }

  @Test(arguments: schemes)
  func sameSeedSamePartitionOtherSeedAnother(scheme: PartitionScheme) throws {
    let first = try partition(scheme, clients: 20, seed: 1)
    #expect(try partition(scheme, clients: 20, seed: 1) == first)
    #expect(try partition(scheme, clients: 20, seed: 2) != first)
  }

  @Test func iidSizesDifferByAtMostOne() throws {
    // 1000 = 7 × 142 + 6: six clients of 143, one of 142.
    let sizes = try partition(.iid, clients: 7).map(\.count)
    #expect(sizes == [143, 143, 143, 143, 143, 143, 142])
  }

  @Test func pathologicalClientsHoldAtMostTwoLabelsWhenShardsAlignWithClasses() throws {
    // 10 classes × 30 samples, sorted; 15 clients × 2 shards = 30 shards of 10, each within one
    // class, so each client has at most 2 labels (McMahan et al.'s construction).
    let sorted = (0..<300).map { Int32($0 / 30) }
    for clients in [5, 15] {
      let parts = try partition(.pathological(), clients: clients, labels: sorted)
      for (client, indices) in parts.enumerated() {
        let held = Set(indices.map { sorted[$0] })
        #expect(held.count <= 2, "client \(client) of \(clients) holds labels \(held.sorted())")
        #expect(indices.count == 300 / clients)
      }
    }
  }

  @Test func pathologicalShardsStraddlingClassesGiveAtMostFourLabels() throws {
    // Uneven classes: a shard may span a class boundary, so 2 shards reach at most 4 labels.
    for indices in try partition(.pathological(), clients: 50) {
      #expect(Set(indices.map { Self.labels[$0] }).count <= 4)
      #expect(indices.count == 20)  // 100 shards of exactly 10
    }
  }

  @Test func smallerAlphaGivesMoreLabelSkew() throws {
    // Mean label entropy per client, in bits: log2(10) ≈ 3.32 is uniform, 0 is one label.
    let entropies = try [0.05, 0.5, 5, 500].map { alpha in
      PartitionStatistics.meanLabelEntropy(
        of: try partition(.dirichlet(alpha: alpha), clients: 20), labels: Self.labels,
        classCount: 10)
    }
    #expect(entropies == entropies.sorted(), "entropies \(entropies) should grow with alpha")
    #expect(entropies[0] < 1.5)
    #expect(entropies[3] > 3.2)
  }

  @Test func vanishingAlphaPutsEachClassOnOneClient() throws {
    // Every Gamma(1e-6) draw underflows to 0; the Dirichlet's α → 0 limit is a single vertex.
    let parts = try partition(.dirichlet(alpha: 1e-6), clients: 10)
    for label in Int32(0)..<10 {
      let holders = parts.indices.filter { parts[$0].contains { Self.labels[$0] == label } }
      #expect(holders.count == 1, "class \(label) is on clients \(holders)")
    }
  }

  @Test func dirichletMinimumClientSizeIsMetOrReported() throws {
    let parts = try partition(.dirichlet(alpha: 0.5, minimumClientSize: 20), clients: 20)
    #expect(parts.allSatisfy { $0.count >= 20 })
    #expect(throws: PartitionError.unreachableMinimumSize(minimum: 51, clients: 20, samples: 1000))
    {
      try partition(.dirichlet(alpha: 0.5, minimumClientSize: 51), clients: 20)
    }
    // With α = 0.001 each class lands on one client, so at most 10 of 20 clients get samples.
    #expect(throws: PartitionError.minimumSizeNotMet(minimum: 1, attempts: 1000)) {
      try partition(.dirichlet(alpha: 0.001, minimumClientSize: 1), clients: 20)
    }
  }

  @Test func unbalancedSizesSpreadWithSigma() throws {
    let equal = try partition(.unbalanced(sigma: 0), clients: 7).map(\.count)
    #expect(equal.max()! - equal.min()! <= 1)
    let spread = try partition(.unbalanced(sigma: 2), clients: 20).map(\.count)
    #expect(spread.allSatisfy { $0 >= 1 })
    #expect(spread.reduce(0, +) == 1000)
    // LogNormal(0, 2): the ratio of the largest to the smallest of 20 draws is typically e^7.
    #expect(spread.max()! >= 10 * spread.min()!, "sizes \(spread)")
    // A huge σ must not overflow exp: one client takes nearly everything.
    let extreme = try partition(.unbalanced(sigma: 1e6), clients: 5).map(\.count)
    #expect(extreme.sorted() == [1, 1, 1, 1, 996])
  }

  @Test func spreadWhoseDrawsOverflowIsRejected() {
    // σ = 1.797…e308: any normal draw above 1 overflows to +∞ (50 clients draw one with
    // probability 1 − 0.84^50 > 0.9999); ∞ − ∞ would have made every weight NaN.
    let sigma = Double.greatestFiniteMagnitude
    #expect(throws: PartitionError.invalidSpread(sigma)) {
      try partition(.unbalanced(sigma: sigma), clients: 50)
    }
  }

  @Test func largestRemainderSharesMatchHandWorkedExamples() {
    // 10 in thirds: quotas 3.33 each, floors 3+3+3, the leftover unit to the lowest index.
    #expect(PartitionScheme.largestRemainderSizes(weights: [1, 1, 1], total: 10) == [4, 3, 3])
    // 7 by 0.5/0.3/0.2: quotas 3.5, 2.1, 1.4; floors 3, 2, 1; the leftover goes to remainder 0.5.
    #expect(
      PartitionScheme.largestRemainderSizes(weights: [0.5, 0.3, 0.2], total: 7) == [4, 2, 1])
  }

  @Test func impossibleRequestsAreRejected() {
    let cases: [(PartitionScheme, Int, PartitionError)] = [
      (.iid, 0, .invalidClientCount(0)),
      (.iid, 1001, .moreClientsThanSamples(clients: 1001, samples: 1000)),
      (.pathological(), 600, .moreShardsThanSamples(shards: 1200, samples: 1000)),
      (.pathological(shardsPerClient: 0), 10, .invalidShardsPerClient(0)),
      (.dirichlet(alpha: 0), 10, .invalidConcentration(0)),
      (.dirichlet(alpha: -1), 10, .invalidConcentration(-1)),
      (.dirichlet(alpha: .infinity), 10, .invalidConcentration(.infinity)),
      (.unbalanced(sigma: -0.5), 10, .invalidSpread(-0.5)),
    ]
    for (scheme, clients, expected) in cases {
      #expect(throws: expected) { try partition(scheme, clients: clients) }
    }
    #expect(throws: PartitionError.labelOutOfRange(index: 1, label: 10, classCount: 10)) {
      try partition(.iid, clients: 1, labels: [0, 10])
    }
  }

  @Test func nanConcentrationIsRejected() {
    #expect {
      try partition(.dirichlet(alpha: .nan), clients: 10)
    } throws: { error in
      guard case .invalidConcentration(let alpha) = error as? PartitionError else { return false }
      return alpha.isNaN
    }
  }
}
