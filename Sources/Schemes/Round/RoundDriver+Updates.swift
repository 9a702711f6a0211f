import SimCore

extension RoundDriver {
  /// Applies the privacy stage and the attacks to the open round's trained updates, in slot
  /// order, each with its client's own noise stream: a client's privacy noise is charged as its
  /// `protect` task, an attack's work with its training.
  ///
  /// Privacy first, then the attack: an attacker follows the protocol and then tampers with what
  /// it sends. A free rider returns the global model untouched and a silent client sends
  /// nothing, so neither is transformed.
  func transformUpdates() {
    let privacy = composition.privacy
    let isPrivate = composition.isPrivate
    for (slot, client) in selectedClients.enumerated() {
      let conduct = conducts[slot]
      guard conduct.sendsUpdate, !conduct.skipsTraining else { continue }
      if isPrivate {
        var generator =
          privacyNoise[client.index] ?? streams.make(.privacyNoise, index: client.index)
        protectionWork[slot] += backend.transformUpdate(of: client) { delta in
          privacy.protect(&delta, using: &generator)
        }
        privacyNoise[client.index] = generator
      }
      guard case .attack(let attack) = conduct, attack.transformsDelta else { continue }
      var generator = attackNoise[client.index] ?? streams.make(.attackNoise, index: client.index)
      trainingWork[slot] += backend.transformUpdate(of: client) { delta in
        attack.apply(to: &delta, using: &generator)
      }
      attackNoise[client.index] = generator
    }
  }
}

extension UpdateAttack {
  /// True when the attack changes the trained update's delta (sign flip, scaling, noise); a label
  /// flip acts while training, and a free rider does not train.
  var transformsDelta: Bool { !trainsOnFlippedLabels && !skipsTraining }
}

extension StreamPurpose {
  /// An attacking client's noise (the `noise:σ` attack): client c's stream is index c.
  public static let attackNoise = StreamPurpose("attackNoise")
}
