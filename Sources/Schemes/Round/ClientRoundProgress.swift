import SimCore

/// When one selected client passed each step of a round: the instants the phases of
/// `RoundRecord` are measured between.
struct ClientRoundProgress {
  var modelArrived: SimInstant?
  var trained: SimInstant?
  /// The update reached its aggregator: the server, or on a chain the client's gateway validator.
  var submitted: SimInstant?
  /// On a chain: a block including it was first accepted by a validator (the proposer, when it
  /// seals).
  var included: SimInstant?
  /// On a chain: that block was first confirmed by a validator.
  var confirmed: SimInstant?

  /// Stretches `record`'s phases to cover this client's: each phase is the longest any
  /// contributor spent in it.
  func extend(_ record: inout RoundRecord) {
    if let arrived = modelArrived {
      record.download = max(record.download, arrived - record.start)
    }
    if let arrived = modelArrived, let trained {
      record.compute = max(record.compute, trained - arrived)
    }
    if let trained, let submitted {
      record.upload = max(record.upload, submitted - trained)
    }
    if let submitted, let included {
      record.inclusion = max(record.inclusion, included - submitted)
    }
    if let included, let confirmed {
      record.confirmation = max(record.confirmation, confirmed - included)
    }
  }
}
