import SimCore

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
/// heap keyed by `(level, resource)` yields the next bottleneck. Fixing a flow only raises the
/// levels of its other resources, so a key in the heap is a lower bound of its resource's level:
/// the heap is updated lazily — a popped resource whose level has risen since it was keyed goes
/// back with its new key, and one whose key is current is the bottleneck. The heap thus holds each
/// resource once, and fixing a flow costs three array updates per resource it crosses. Ties go to
/// the lower resource index, so the result is deterministic.
///
/// - Complexity: O(I + R log R · k) for I flow–resource incidences, R resources and k the number
///   of times a resource's key is found stale (at most the number of bottlenecks that touch it).
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

    /// A flow crossing `resources` with share `weight`.
    public init(resources: [Int], weight: Double) {
      precondition(
        weight > 0 && weight.isFinite, "MaxMinSolver.Flow: weight must be positive, got \(weight)")
      self.resources = resources
      self.weight = weight
    }
  }

  /// The max-min fair rate of each flow, in bytes per second, in the order given.
  /// Flows that cross no resource get `+infinity`.
  /// - Complexity: as the type's algorithm.
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
  /// - Complexity: as the type's algorithm.
  public func rates(flowOffsets: [Int], resources: [Int], weights: [Double]) -> [Double] {
    var workspace = Workspace()
    var rates: [Double] = []
    solve(
      flowOffsets: flowOffsets, resources: resources, weights: weights, into: &rates,
      workspace: &workspace)
    return rates
  }

  /// Scratch arrays of a solve, kept by callers that solve repeatedly so that their storage is
  /// reused rather than reallocated.
  struct Workspace {
    var remaining: [Double] = []
    var weightSum: [Double] = []
    var unfixedUsers: [Int32] = []
    var userOffsets: [Int] = []
    var users: [Int32] = []
    var isFixed: [Bool] = []
    var heap = MinHeap<LevelEntry>()
  }

  /// Writes the max-min rate of each flow into `rates` (resized to the flow count), using
  /// `workspace` for scratch; the arithmetic is the same as `rates(flowOffsets:resources:weights:)`.
  func solve(
    flowOffsets: [Int], resources: [Int], weights: [Double], into rates: inout [Double],
    workspace: inout Workspace
  ) {
    let flowCount = weights.count
    precondition(
      flowOffsets.count == flowCount + 1,
      "MaxMinSolver: \(flowOffsets.count) offsets for \(flowCount) flows")
    let resourceCount = capacities.count
    rates.removeAll(keepingCapacity: true)
    rates.append(contentsOf: repeatElement(.infinity, count: flowCount))
    workspace.remaining.removeAll(keepingCapacity: true)
    workspace.remaining.append(contentsOf: capacities)
    workspace.weightSum.removeAll(keepingCapacity: true)
    workspace.weightSum.append(contentsOf: repeatElement(0, count: resourceCount))
    workspace.unfixedUsers.removeAll(keepingCapacity: true)
    workspace.unfixedUsers.append(contentsOf: repeatElement(0, count: resourceCount))
    // Users of each resource, in compressed form too (built by counting).
    workspace.userOffsets.removeAll(keepingCapacity: true)
    workspace.userOffsets.append(contentsOf: repeatElement(0, count: resourceCount + 1))
    // The loops over incidences run over raw buffers: every index is checked by the
    // preconditions of the first loop, so the second needs no per-access check.
    workspace.users.removeAll(keepingCapacity: true)
    workspace.users.append(contentsOf: repeatElement(0, count: resources.count))
    var total = 0
    flowOffsets.withUnsafeBufferPointer { flowOffsets in
      resources.withUnsafeBufferPointer { resources in
        workspace.userOffsets.withUnsafeMutableBufferPointer { userOffsets in
          workspace.unfixedUsers.withUnsafeMutableBufferPointer { unfixedUsers in
            workspace.weightSum.withUnsafeMutableBufferPointer { weightSum in
              for f in 0..<flowCount {
                let weight = weights[f]
                precondition(
                  weight > 0 && weight.isFinite, "MaxMinSolver: flow \(f) has weight \(weight)")
                precondition(
                  flowOffsets[f] >= 0 && flowOffsets[f] <= flowOffsets[f + 1]
                    && flowOffsets[f + 1] <= resources.count,
                  "MaxMinSolver: flow \(f) spans \(flowOffsets[f])..<\(flowOffsets[f + 1]) of \(resources.count) incidences"
                )
                for k in flowOffsets[f]..<flowOffsets[f + 1] {
                  let r = resources[k]
                  precondition(
                    r >= 0 && r < resourceCount,
                    "MaxMinSolver: flow \(f) names resource \(r) of \(resourceCount)")
                  userOffsets[r + 1] += 1
                  unfixedUsers[r] += 1
                  weightSum[r] += weight
                }
              }
              for r in 0..<resourceCount { userOffsets[r + 1] += userOffsets[r] }
              total = userOffsets[resourceCount]
              // Filled back to front so that each resource lists its users in ascending order.
              workspace.users.withUnsafeMutableBufferPointer { users in
                for f in stride(from: flowCount - 1, through: 0, by: -1) {
                  for k in flowOffsets[f]..<flowOffsets[f + 1] {
                    let r = resources[k]
                    userOffsets[r + 1] -= 1
                    users[userOffsets[r + 1]] = Int32(truncatingIfNeeded: f)
                  }
                }
              }
            }
          }
        }
      }
    }
    // The decrements above left resource r's start in slot r + 1; shift the starts down.
    for r in 0..<resourceCount { workspace.userOffsets[r] = workspace.userOffsets[r + 1] }
    workspace.userOffsets[resourceCount] = total
    workspace.isFixed.removeAll(keepingCapacity: true)
    workspace.isFixed.append(contentsOf: repeatElement(false, count: flowCount))
    fill(
      flowOffsets: flowOffsets, resources: resources, weights: weights, rates: &rates, &workspace)
  }

  /// Progressive filling over the prepared workspace.
  private func fill(
    flowOffsets: [Int], resources: [Int], weights: [Double], rates: inout [Double],
    _ workspace: inout Workspace
  ) {
    for r in 0..<capacities.count where workspace.unfixedUsers[r] > 0 {
      workspace.heap.push(
        LevelEntry(
          level: max(workspace.remaining[r], 0) / workspace.weightSum[r], resource: r))
    }
    // The last bottleneck's level: a resource's level never falls below it (fixing flows at a
    // lower level only raises the others'), so a rounding wobble under it is clamped.
    var floor = -Double.infinity
    var heap = MinHeap<LevelEntry>()
    swap(&heap, &workspace.heap)
    defer { swap(&heap, &workspace.heap) }
    // Raw buffers again: all indices were checked while the workspace was built.
    flowOffsets.withUnsafeBufferPointer { flowOffsets in
      resources.withUnsafeBufferPointer { resources in
        weights.withUnsafeBufferPointer { weights in
          rates.withUnsafeMutableBufferPointer { rates in
            workspace.remaining.withUnsafeMutableBufferPointer { remaining in
              workspace.weightSum.withUnsafeMutableBufferPointer { weightSum in
                workspace.unfixedUsers.withUnsafeMutableBufferPointer { unfixedUsers in
                  workspace.isFixed.withUnsafeMutableBufferPointer { isFixed in
                    workspace.users.withUnsafeBufferPointer { users in
                      let userOffsets = workspace.userOffsets
                      while let top = heap.pop() {
                        let r = top.resource
                        guard unfixedUsers[r] > 0 else { continue }
                        let level = max(max(remaining[r], 0) / weightSum[r], floor)
                        if level > top.level {
                          // Stale key: every other key is a lower bound too, so re-file it and
                          // look again.
                          heap.push(LevelEntry(level: level, resource: r))
                          continue
                        }
                        floor = level
                        for k in userOffsets[r]..<userOffsets[r + 1] {
                          let f = Int(users[k])
                          if isFixed[f] { continue }
                          isFixed[f] = true
                          let weight = weights[f]
                          let rate = weight * level
                          rates[f] = rate
                          for j in flowOffsets[f]..<flowOffsets[f + 1] {
                            let other = resources[j]
                            remaining[other] -= rate
                            weightSum[other] -= weight
                            unfixedUsers[other] -= 1
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
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
