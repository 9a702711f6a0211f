import Testing

@testable import SimCore

struct RandomStreamsTests {
  @Test func splitMix64MatchesReferenceOutput() {
    // Reference: a line-by-line Python transcription of Vigna's splitmix64.c, seeded with 1234567.
    var generator = SplitMix64(seed: 1_234_567)
    #expect(generator.next() == 6_457_827_717_110_365_317)
    #expect(generator.next() == 3_203_168_211_198_807_973)
  }

  @Test func xoshiroMatchesReferenceOutput() {
    // Reference: a Python transcription of Vigna's xoshiro256starstar.c from state (1, 2, 3, 4).
    var generator = Xoshiro256StarStar(state: (1, 2, 3, 4))
    #expect(generator.next() == 11520)
    #expect(generator.next() == 0)
    #expect(generator.next() == 1_509_978_240)
    #expect(generator.next() == 1_215_971_899_390_074_240)
  }

  @Test func streamsAreReproducibleAndIndependentOfOtherConsumers() {
    let streams = RandomStreams(seed: 7)
    var a = streams.make(.linkLoss, index: 3)
    let first = (0..<5).map { _ in a.next() }
    // Drawing from other streams in between changes nothing for this one.
    var other = streams.make(.clientSampling)
    _ = (0..<100).map { _ in other.next() }
    var again = streams.make(.linkLoss, index: 3)
    #expect((0..<5).map { _ in again.next() } == first)
  }

  @Test func streamsDifferByPurposeIndexSeedAndRun() {
    func firstDraw(_ streams: RandomStreams, _ purpose: StreamPurpose, _ index: Int) -> UInt64 {
      var generator = streams.make(purpose, index: index)
      return generator.next()
    }
    let base = firstDraw(RandomStreams(seed: 7), .linkLoss, 0)
    #expect(firstDraw(RandomStreams(seed: 7), .linkLoss, 1) != base)
    #expect(firstDraw(RandomStreams(seed: 7), .clientSampling, 0) != base)
    #expect(firstDraw(RandomStreams(seed: 8), .linkLoss, 0) != base)
    #expect(firstDraw(RandomStreams(seed: 7, run: 1), .linkLoss, 0) != base)
  }

  @Test func boundedIntegersAreUniform() {
    // 60,000 draws over 6 values: each count ~ Binomial(60000, 1/6), sd ≈ 91; ±5 sd = ±456.
    var generator = Xoshiro256StarStar(seed: 99)
    var counts = [Int](repeating: 0, count: 6)
    for _ in 0..<60_000 { counts[generator.nextInt(below: 6)] += 1 }
    for count in counts { #expect(abs(count - 10_000) < 456, "counts \(counts)") }
  }

  @Test func exponentialAndNormalHaveTheirMoments() {
    // n = 100,000: the sample mean's sd is σ/√n; bounds are 5 of those.
    var generator = Xoshiro256StarStar(seed: 5)
    let n = 100_000
    let exponential = (0..<n).map { _ in generator.nextExponential(mean: 2) }
    #expect(abs(exponential.reduce(0, +) / Double(n) - 2) < 5 * 2 / 316.2)
    let normal = (0..<n).map { _ in generator.nextNormal(mean: 1, standardDeviation: 3) }
    let mean = normal.reduce(0, +) / Double(n)
    let variance = normal.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
    #expect(abs(mean - 1) < 5 * 3 / 316.2)
    // Var of the sample variance ≈ 2σ⁴/n → sd ≈ 0.0402 for σ² = 9.
    #expect(abs(variance - 9) < 5 * 0.0402)
  }

  @Test func sampleIndicesAreDistinctSortedAndCoverThePopulation() {
    var generator = Xoshiro256StarStar(seed: 11)
    let sample = generator.sampleIndices(10, from: 100)
    #expect(sample.count == 10 && Set(sample).count == 10 && sample == sample.sorted())
    #expect(generator.sampleIndices(100, from: 100) == Array(0..<100))
  }
}
