import SimCore

/// When one sampled client passed each step of a blockchain round: the instants the phases of
/// `RoundRecord` are measured between.
struct ClientRoundProgress {
  var modelArrived: SimInstant?
  var trained: SimInstant?
  /// The update transaction reached the client's gateway validator.
  var submitted: SimInstant?
  /// A block including it was first accepted by a validator (the proposer, when it seals).
  var included: SimInstant?
  /// That block was first confirmed by a validator.
  var confirmed: SimInstant?
}
