@testable import Platform

/// The textbook progressive filling (Bertsekas and Gallager, *Data Networks*, §6.5.2) with no
/// heap: each round scans every resource for the lowest level `(remaining / Σ unfixed weights,
/// index)` and fixes its unfixed users in ascending flow order. It performs the same floating-point
/// operations in the same order as `MaxMinSolver`, whose lazily updated heap must pick the same
/// bottleneck every round, so the two agree bit for bit.
/// - Complexity: O(R · (R + I)): for tests only.
struct TextbookProgressiveFilling {
  var capacities: [Double]

  func rates(for flows: [MaxMinSolver.Flow]) -> [Double] {
    var rates = [Double](repeating: .infinity, count: flows.count)
    var remaining = capacities
    var weightSum = [Double](repeating: 0, count: capacities.count)
    var unfixedUsers = [Int](repeating: 0, count: capacities.count)
    for flow in flows {
      for r in flow.resources {
        weightSum[r] += flow.weight
        unfixedUsers[r] += 1
      }
    }
    var isFixed = [Bool](repeating: false, count: flows.count)
    var floor = -Double.infinity
    while true {
      var best: (level: Double, resource: Int)?
      for r in capacities.indices where unfixedUsers[r] > 0 {
        let level = max(max(remaining[r], 0) / weightSum[r], floor)
        if best == nil || level < best!.level { best = (level, r) }
      }
      guard let (level, r) = best else { return rates }
      floor = level
      for (f, flow) in flows.enumerated() where !isFixed[f] && flow.resources.contains(r) {
        isFixed[f] = true
        rates[f] = flow.weight * level
        for other in flow.resources {
          remaining[other] -= rates[f]
          weightSum[other] -= flow.weight
          unfixedUsers[other] -= 1
        }
      }
    }
  }
}
