#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Measures of a partition: does it cover every sample once, and how skewed are its clients'
/// labels. For tests, scenario validation and trace summaries.
public enum PartitionStatistics {
  /// The samples of `0..<sampleCount` that no client holds, the ones held more than once (each
  /// listed once), and indices outside the range; all three empty for an exact cover.
  /// - Complexity: O(sampleCount + total indices).
  public static func coverageDefects(of partition: [[Int]], sampleCount: Int)
    -> (missing: [Int], repeated: [Int], outOfRange: [Int])
  {
    var holders = [Int](repeating: 0, count: sampleCount)
    var outOfRange: [Int] = []
    for client in partition {
      for index in client {
        if index >= 0 && index < sampleCount {
          holders[index] += 1
        } else {
          outOfRange.append(index)
        }
      }
    }
    return (
      holders.indices.filter { holders[$0] == 0 }, holders.indices.filter { holders[$0] > 1 },
      outOfRange
    )
  }

  /// How many of `indices` carry each label: `classCount` counts.
  /// - Complexity: O(indices.count + classCount).
  public static func labelCounts(of indices: [Int], labels: [Int32], classCount: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: classCount)
    for index in indices { counts[Int(labels[index])] += 1 }
    return counts
  }

  /// The Shannon entropy, in bits, of the label distribution of `indices`: 0 when all share one
  /// label, log2(classCount) when labels are uniform; 0 for no indices.
  /// - Complexity: O(indices.count + classCount).
  public static func labelEntropy(of indices: [Int], labels: [Int32], classCount: Int) -> Double {
    guard !indices.isEmpty else { return 0 }
    var entropy = 0.0
    for count in labelCounts(of: indices, labels: labels, classCount: classCount) where count > 0 {
      let share = Double(count) / Double(indices.count)
      entropy -= share * log2(share)
    }
    return entropy
  }

  /// The mean label entropy (bits) over the clients that hold any sample, in client order.
  /// - Complexity: O(total indices + clients × classCount).
  public static func meanLabelEntropy(of partition: [[Int]], labels: [Int32], classCount: Int)
    -> Double
  {
    var sum = 0.0
    var clients = 0
    for client in partition where !client.isEmpty {
      sum += labelEntropy(of: client, labels: labels, classCount: classCount)
      clients += 1
    }
    return clients == 0 ? 0 : sum / Double(clients)
  }
}
