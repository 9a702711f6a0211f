import Testing

@testable import Platform

struct MaxMinSolverTests {
  typealias Flow = MaxMinSolver.Flow

  @Test func twoFlowsSplitASharedLinkEqually() {
    // Resources 0, 1 (access) and 2 (shared), 10 each; both flows cross 2 → 5 each.
    let solver = MaxMinSolver(capacities: [10, 10, 10])
    let rates = solver.rates(for: [
      Flow(resources: [0, 2], weight: 1), Flow(resources: [1, 2], weight: 1),
    ])
    #expect(rates == [5, 5])
  }

  @Test func flowBottleneckedElsewhereLeavesCapacityToTheOther() {
    // Resource 0 has 2: flow A is fixed at 2 there; resource 2 then has 8 left for B alone.
    let solver = MaxMinSolver(capacities: [2, 10, 10])
    let rates = solver.rates(for: [
      Flow(resources: [0, 2], weight: 1), Flow(resources: [1, 2], weight: 1),
    ])
    #expect(rates == [2, 8])
  }

  @Test func weightsSplitInProportion() {
    // Weights 3 and 1 on one resource of 12: 9 and 3 (CM02: inverse latency 10 ms vs 30 ms).
    let solver = MaxMinSolver(capacities: [12])
    let rates = solver.rates(for: [
      Flow(resources: [0], weight: 3), Flow(resources: [0], weight: 1),
    ])
    #expect(rates == [9, 3])
  }

  @Test func parkingLotGivesTheLongFlowTheSameShareAsEachShortOne() {
    // Classic parking lot: long flow over resources 0,1,2 and one short flow on each, all
    // capacities 1: each resource carries 2 flows → every flow gets 1/2.
    let solver = MaxMinSolver(capacities: [1, 1, 1])
    let rates = solver.rates(for: [
      Flow(resources: [0, 1, 2], weight: 1), Flow(resources: [0], weight: 1),
      Flow(resources: [1], weight: 1), Flow(resources: [2], weight: 1),
    ])
    #expect(rates == [0.5, 0.5, 0.5, 0.5])
  }

  @Test func flowWithoutResourcesIsUnconstrained() {
    let rates = MaxMinSolver(capacities: [1]).rates(for: [Flow(resources: [], weight: 1)])
    #expect(rates == [.infinity])
  }

  @Test func randomProblemsAreFeasibleAndEveryFlowHasASaturatedBottleneck() {
    // Max-min optimality: no resource over capacity, and each flow crosses a saturated resource
    // on which its weighted share is the largest (Bertsekas & Gallager, Data Networks, §6.5.2).
    var seed: UInt64 = 77
    func next() -> UInt64 {
      seed = seed &* 6364136223846793005 &+ 1442695040888963407; return seed >> 33
    }
    for trial in 0..<200 {
      let resourceCount = 1 + Int(next() % 8)
      let capacities = (0..<resourceCount).map { _ in Double(1 + next() % 100) }
      let flows = (0..<(1 + Int(next() % 10))).map { _ in
        Flow(
          resources: Array(
            Set((0..<(1 + Int(next() % 3))).map { _ in Int(next()) % resourceCount })
          ).sorted(),
          weight: Double(1 + next() % 4))
      }
      let rates = MaxMinSolver(capacities: capacities).rates(for: flows)
      var load = [Double](repeating: 0, count: resourceCount)
      for (f, flow) in flows.enumerated() { for r in flow.resources { load[r] += rates[f] } }
      for r in 0..<resourceCount {
        #expect(load[r] <= capacities[r] * (1 + 1e-9), "trial \(trial)")
      }
      for (f, flow) in flows.enumerated() {
        let hasBottleneck = flow.resources.contains { r in
          load[r] >= capacities[r] * (1 - 1e-9)
            && flows.indices.allSatisfy { g in
              !flows[g].resources.contains(r)
                || rates[g] / flows[g].weight <= rates[f] / flow.weight * (1 + 1e-9)
            }
        }
        #expect(hasBottleneck, "trial \(trial): flow \(f) has no bottleneck")
      }
    }
  }

  /// Random problems with many ties (small integer capacities and weights) for the comparisons
  /// below; a fixed linear congruential sequence, so every run sees the same problems.
  private static func randomProblems(count: Int, seed: UInt64) -> [(
    capacities: [Double], flows: [Flow]
  )] {
    var state = seed
    func next() -> Int {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Int(state >> 33)
    }
    return (0..<count).map { _ in
      let resourceCount = 1 + next() % 12
      let capacities = (0..<resourceCount).map { _ in Double(1 + next() % 6) }
      let flows = (0..<(1 + next() % 16)).map { _ in
        Flow(
          resources: Array(Set((0..<(1 + next() % 4)).map { _ in next() % resourceCount }))
            .sorted(),
          weight: Double(1 + next() % 3))
      }
      return (capacities, flows)
    }
  }

  @Test func lazyHeapPicksTheSameBottlenecksAsATextbookScan() {
    // The lazily updated heap must choose, every round, the resource a full scan chooses (lowest
    // level, then lowest index), and then do the same arithmetic: the rates agree bit for bit,
    // ties included (integer capacities and weights make many).
    for (trial, problem) in Self.randomProblems(count: 300, seed: 11).enumerated() {
      let fast = MaxMinSolver(capacities: problem.capacities).rates(for: problem.flows)
      let textbook = TextbookProgressiveFilling(capacities: problem.capacities)
        .rates(for: problem.flows)
      #expect(fast == textbook, "trial \(trial)")
    }
  }

  @Test func reusedWorkspaceGivesTheSameRatesAsAFreshOne() {
    // The network keeps one workspace across solves of different sizes; leftovers of a larger
    // solve must not leak into a smaller one.
    var workspace = MaxMinSolver.Workspace()
    var reused: [Double] = []
    for (trial, problem) in Self.randomProblems(count: 100, seed: 5).enumerated() {
      var offsets = [0]
      var incidences: [Int] = []
      for flow in problem.flows {
        incidences += flow.resources
        offsets.append(incidences.count)
      }
      let solver = MaxMinSolver(capacities: problem.capacities)
      solver.solve(
        flowOffsets: offsets, resources: incidences, weights: problem.flows.map(\.weight),
        into: &reused, workspace: &workspace)
      #expect(reused == solver.rates(for: problem.flows), "trial \(trial)")
    }
  }
}
