import SimCore

extension RoundRecord {
  /// Closes the round at `end`: its aggregation phase began at `aggregationStart`, and the
  /// backend's model is evaluated (an observer's measurement, charged to no node). Both schemes
  /// end their rounds this way.
  mutating func close(
    at end: SimInstant, aggregationStart: SimInstant, evaluating backend: any TrainingBackend
  ) {
    aggregation = end - aggregationStart
    self.end = end
    if let quality = backend.evaluate() {
      accuracy = quality.accuracy
      loss = quality.loss
    }
  }
}
