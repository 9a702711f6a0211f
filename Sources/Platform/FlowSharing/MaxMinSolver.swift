/// Weighted max-min fair sharing of resource capacities among flows: the pure core of the network
/// model. It knows nothing of nodes, links or messages — only capacities, which resources each
/// flow crosses, and each flow's weight.
///
/// **Max-min fairness.** An allocation is max-min fair when no flow's rate can grow without
/// shrinking the rate of a flow that has the same or a smaller (weighted) share. Progressive
/// filling finds it: raise every unfixed flow's rate in proportion to its weight until some
/// resource is full; fix the flows crossing it; repeat with what remains.
///
/// **Worked example** (the SimGrid two-flow case). Flows A: l1→l3 and B: l2→l3, all capacities
/// 10 MB/s, equal weights. Filling level λ grows; l3 carries A and B, so it saturates first at
/// λ = 10/(1+1) = 5 MB/s; A and B are fixed at 5 MB/s each; l1 and l2 keep 5 MB/s unused.
/// If instead l1 had 2 MB/s, l1 saturates first at λ = 2: A is fixed at 2, l3 has 8 left, and B
/// alone then rises to 8 (a flow bottlenecked elsewhere leaves capacity to the other).
///
/// **Weights.** SimGrid's CM02 model gives each flow a weight inversely proportional to its route
/// latency, reproducing TCP's round-trip-time unfairness on a shared bottleneck; plain max-min
/// uses equal weights. The solver takes whatever weights it is given.
///
/// - Complexity: O(R + Σ route lengths) per filling step, at most R steps, for R resources.
public struct MaxMinSolver {
  /// The capacity of each resource, in bytes per second.
  public var capacities: [Double]

  /// A solver over resources with these capacities.
  public init(capacities: [Double]) { self.capacities = capacities }

  /// One flow's view for the solver: which resources it crosses and its weight.
  public struct Flow {
    /// Indices into `capacities`; a flow crossing no resource is unconstrained (rate +∞).
    public var resources: [Int]
    /// The flow's share weight; positive.
    public var weight: Double

    public init(resources: [Int], weight: Double) {
      precondition(weight > 0 && weight.isFinite, "MaxMinSolver.Flow: weight must be positive, got \(weight)")
      self.resources = resources
      self.weight = weight
    }
  }

  /// The max-min fair rate of each flow, in bytes per second, in the order given.
  /// Flows that cross no resource get `+infinity`.
  public func rates(for flows: [Flow]) -> [Double] {
    var rates = [Double](repeating: .infinity, count: flows.count)
    var remaining = capacities
    // Sum of weights of the unfixed flows on each resource, and which flows use it.
    var weightSum = [Double](repeating: 0, count: capacities.count)
    var users = [[Int]](repeating: [], count: capacities.count)
    var unfixedUsers = [Int](repeating: 0, count: capacities.count)
    var isFixed = [Bool](repeating: false, count: flows.count)
    var activeResources: [Int] = []
    for (f, flow) in flows.enumerated() {
      for r in flow.resources {
        precondition(r >= 0 && r < capacities.count, "MaxMinSolver: flow \(f) names resource \(r) of \(capacities.count)")
        if users[r].isEmpty { activeResources.append(r) }
        users[r].append(f)
        unfixedUsers[r] += 1
        weightSum[r] += flow.weight
      }
    }
    // Ascending resource order makes the choice among equal bottlenecks deterministic.
    activeResources.sort()
    var unfixedCount = flows.reduce(0) { $0 + ($1.resources.isEmpty ? 0 : 1) }
    while unfixedCount > 0 {
      // The resource that saturates first as the filling level rises.
      var bottleneck = -1
      var level = Double.infinity
      for r in activeResources {
        let candidate = max(remaining[r], 0) / weightSum[r]
        if candidate < level {
          level = candidate
          bottleneck = r
        }
      }
      precondition(bottleneck >= 0, "MaxMinSolver: unfixed flows but no loaded resource")
      // Fix every unfixed flow crossing the bottleneck at weight × level, and release its share
      // on the other resources it crosses.
      for f in users[bottleneck] where !isFixed[f] {
        isFixed[f] = true
        unfixedCount -= 1
        let rate = flows[f].weight * level
        rates[f] = rate
        for r in flows[f].resources {
          remaining[r] -= rate
          weightSum[r] -= flows[f].weight
          unfixedUsers[r] -= 1
        }
      }
      // A resource leaves the filling when its last unfixed flow is fixed; going by the count
      // rather than the running weight sum means rounding can never leave a phantom weight.
      activeResources.removeAll { unfixedUsers[$0] == 0 }
    }
    return rates
  }
}
