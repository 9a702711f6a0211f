import Testing

@testable import Learning

/// `aggregate(count:update:)`: updates handed out one at a time give the bits of `aggregate(_:)`;
/// FedAvg asks for each update once, in order, and so holds one at a time.
struct StreamedAggregationTests {
  /// Five updates of 7 parameters with uneven weights and values that do not sum exactly.
  static let updates: [ClientUpdate] = (0..<5).map { k in
    ClientUpdate(
      parameters: (0..<7).map { j in Float(k * 7 + j) * 0.1 + 1 / Float(k + 3) },
      sampleCount: [3, 0, 7, 1, 12][k])
  }

  @Test(arguments: ["fedavg", "median", "trimmed-mean:0.2", "krum:1"])
  func streamedEqualsBatched(spec: String) throws {
    let rule = try AggregationSpec(parsing: spec).makeRule()
    let batched = try rule.aggregate(Self.updates)
    let streamed = try rule.aggregate(count: Self.updates.count) { Self.updates[$0] }
    #expect(streamed.parameters == batched.parameters)
    #expect(streamed.work == batched.work)
  }

  @Test func fedAvgTakesEachUpdateOnceInOrder() throws {
    var asked: [Int] = []
    _ = try FederatedAveraging().aggregate(count: 5) { position in
      asked.append(position)
      return Self.updates[position]
    }
    #expect(asked == [0, 1, 2, 3, 4])
  }

  @Test func fedAvgStreamedRefusesWhatBatchedRefuses() {
    #expect(throws: AggregationError.noUpdates) {
      try FederatedAveraging().aggregate(count: 0) { _ in Self.updates[0] }
    }
    let short = ClientUpdate(parameters: [1, 2], sampleCount: 1)
    #expect(throws: AggregationError.dimensionMismatch(update: 2, parameterCount: 2, expected: 7)) {
      try FederatedAveraging().aggregate(count: 3) { $0 == 2 ? short : Self.updates[$0] }
    }
  }
}
