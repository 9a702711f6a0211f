/// Weighted max-min fair sharing of resource capacities among flows: the pure core of the network
/// model. It knows nothing of nodes, links or messages — only capacities, which resources each
/// flow crosses, and each flow's weight.
///
/// **Max-min fairness.** An allocation is max-min fair when no flow's rate can grow without
/// shrinking the rate of a flow that has the same or a smaller (weighted) share. Progressive
/// filling finds it: raise every unfixed flow's rate in proportion to its weight until some
/// resource is full; fix the flows crossing it; repeat with what remains (Bertsekas and Gallager,
/// *Data Networks*, §6.5.2).
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
/// **Algorithm.** Each resource's saturation level is `remaining / Σ unfixed weights`; a binary
/// heap keyed by `(level, resource)` yields the next bottleneck, and fixing a flow only raises the
/// levels of its other resources, which are pushed again (stale heap entries are skipped). Ties
/// go to the lower resource index, so the result is deterministic.
///
/// - Complexity: O((R + I) log R) for R resources and I flow–resource incidences.
public struct MaxMinSolver {
  /// The capacity of each resource, in bytes per second.
  public var capacities: [Double]

  /// A solver over resources with these capacities.
  public init(capacities: [Double]) { self.capacities = capacities }

  /// One flow's view for the solver: which resources it crosses and its weight.
  public struct Flow {
    /// Indices into `capacities`, each at most once; a flow crossing no resource is
    /// unconstrained (rate +∞).
    public var resources: [Int]
    /// The flow's share weight; positive.
    public var weight: Double

    public init(resources: [Int], weight: Double) {
      precondition(
        weight > 0 && weight.isFinite, "MaxMinSolver.Flow: weight must be positive, got \(weight)")
      self.resources = resources
      self.weight = weight
    }
  }

  /// The max-min fair rate of each flow, in bytes per second, in the order given.
  /// Flows that cross no resource get `+infinity`.
  public func rates(for flows: [Flow]) -> [Double] {
    var offsets = [0]
    var incidences: [Int] = []
    for flow in flows {
      incidences.append(contentsOf: flow.resources)
      offsets.append(incidences.count)
    }
    return rates(flowOffsets: offsets, resources: incidences, weights: flows.map(\.weight))
  }

  /// The same for flows given in compressed form: flow `f` crosses
  /// `resources[flowOffsets[f]..<flowOffsets[f + 1]]` and has weight `weights[f]`.
  public func rates(flowOffsets: [Int], resources: [Int], weights: [Double]) -> [Double] {
    let flowCount = weights.count
    precondition(
      flowOffsets.count == flowCount + 1,
      "MaxMinSolver: \(flowOffsets.count) offsets for \(flowCount) flows")
    let resourceCount = capacities.count
    var rates = [Double](repeating: .infinity, count: flowCount)
    var remaining = capacities
    var weightSum = [Double](repeating: 0, count: resourceCount)
    var unfixedUsers = [Int](repeating: 0, count: resourceCount)
    // Users of each resource, in compressed form too (built by counting).
    var userOffsets = [Int](repeating: 0, count: resourceCount + 1)
    for f in 0..<flowCount {
      precondition(
        weights[f] > 0 && weights[f].isFinite, "MaxMinSolver: flow \(f) has weight \(weights[f])")
      for k in flowOffsets[f]..<flowOffsets[f + 1] {
        let r = resources[k]
        precondition(
          r >= 0 && r < resourceCount,
          "MaxMinSolver: flow \(f) names resource \(r) of \(resourceCount)")
        userOffsets[r + 1] += 1
        unfixedUsers[r] += 1
        weightSum[r] += weights[f]
      }
    }
    for r in 0..<resourceCount { userOffsets[r + 1] += userOffsets[r] }
    var users = [Int](repeating: 0, count: userOffsets[resourceCount])
    var cursor = Array(userOffsets.dropLast())
    for f in 0..<flowCount {
      for k in flowOffsets[f]..<flowOffsets[f + 1] {
        users[cursor[resources[k]]] = f
        cursor[resources[k]] += 1
      }
    }
    var isFixed = [Bool](repeating: false, count: flowCount)
    var level = [Double](repeating: .infinity, count: resourceCount)
    var heap = MinHeap<LevelEntry>()
    for r in 0..<resourceCount where unfixedUsers[r] > 0 {
      level[r] = max(remaining[r], 0) / weightSum[r]
      heap.push(LevelEntry(level: level[r], resource: r))
    }
    var touched: [Int] = []
    var isTouched = [Bool](repeating: false, count: resourceCount)
    while let top = heap.pop() {
      let r = top.resource
      // Skip entries made stale by a later push, and resources already emptied.
      guard unfixedUsers[r] > 0, top.level == level[r] else { continue }
      let bottleneckLevel = level[r]
      for k in userOffsets[r]..<userOffsets[r + 1] {
        let f = users[k]
        if isFixed[f] { continue }
        isFixed[f] = true
        let rate = weights[f] * bottleneckLevel
        rates[f] = rate
        for j in flowOffsets[f]..<flowOffsets[f + 1] {
          let other = resources[j]
          remaining[other] -= rate
          weightSum[other] -= weights[f]
          unfixedUsers[other] -= 1
          if !isTouched[other] {
            isTouched[other] = true
            touched.append(other)
          }
        }
      }
      // Each resource that lost flows gets one new heap entry per bottleneck, not one per flow.
      for other in touched {
        isTouched[other] = false
        if unfixedUsers[other] > 0 {
          // A resource's level never falls when flows at a lower level are fixed; clamping a
          // rounding wobble keeps the heap order consistent.
          level[other] = max(max(remaining[other], 0) / weightSum[other], bottleneckLevel)
          heap.push(LevelEntry(level: level[other], resource: other))
        }
      }
      touched.removeAll(keepingCapacity: true)
    }
    return rates
  }
}

/// A resource's saturation level in the solver's heap; ties go to the lower resource index.
struct LevelEntry: Comparable {
  var level: Double
  var resource: Int

  static func < (a: LevelEntry, b: LevelEntry) -> Bool {
    a.level < b.level || (a.level == b.level && a.resource < b.resource)
  }
}
