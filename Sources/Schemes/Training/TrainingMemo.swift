import Cryptography
import Learning
import SimCore
import Synchronization

/// Client trainings and model evaluations already computed, kept so that a run that needs the
/// same one again takes it instead of computing it: the vanilla twin and the blockchain run of a
/// pair, or the points of a sweep that differ only in the network, train the same clients from
/// the same models.
///
/// Reuse is exact, not approximate. A training is keyed by everything its result depends on —
/// the data identity (data set, split, partition, seed and run, tool version), the client, the
/// round, the global model's bytes, the trainer's hyper-parameters, whether it trains on flipped
/// labels, and its shuffling stream's state — and a hit also restores the stream's state after
/// the training. So a run's output is byte-identical with the memo or without it (a test checks
/// this). An evaluation is keyed by the data identity and the model's bytes; an aggregate by the
/// rule and the keys and sample counts of the trainings it combines (when none was transformed
/// after training: a noised update is not what its training key names).
///
/// One memo serves a whole process (`shared`), across threads. It keeps the first entries up to
/// `limitBytes` and then stops adding (rather than evicting), so that a twin's early rounds,
/// which the blockchain run needs first, are the ones kept. An optional `store` (a folder of
/// files) extends it across processes: a sweep's parallel jobs share their trainings through it.
public final class TrainingMemo: Sendable {
  /// The process's memo.
  public static let shared = TrainingMemo(limitBytes: 1 << 30)

  /// A memo entry's key: a SHA-256 digest.
  public struct Key: Hashable, Sendable {
    public let bytes: [UInt8]
    /// The key as hex, for file names.
    public var hex: String {
      bytes.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
    }
  }

  /// A client's training and its shuffler's state after it.
  public struct Training: Sendable, Equatable {
    public var outcome: TrainingOutcome
    public var shufflerAfter: (UInt64, UInt64, UInt64, UInt64)
    public static func == (a: Training, b: Training) -> Bool {
      a.outcome == b.outcome && a.shufflerAfter == b.shufflerAfter
    }
  }

  /// Hits and misses so far (benchmarks and tests read them).
  public struct Counts: Sendable, Equatable {
    public var trainingHits = 0
    public var trainingMisses = 0
    public var evaluationHits = 0
    public var evaluationMisses = 0
    public var aggregationHits = 0
    public var aggregationMisses = 0
  }

  /// An aggregate: the new global model and the rule's work.
  public struct Aggregate: Sendable, Equatable {
    public var parameters: [Float]
    public var work: Work
  }

  private struct State {
    var trainings: [Key: Training] = [:]
    var evaluations: [Key: (accuracy: Double, loss: Double)] = [:]
    var aggregates: [Key: Aggregate] = [:]
    var bytes = 0
    var counts = Counts()
  }

  private let state = Mutex(State())
  /// Entries stop being added beyond this many bytes of parameters.
  public let limitBytes: Int
  /// Where entries are also kept across processes, if anywhere.
  public let store: (any TrainingMemoStore)?

  public init(limitBytes: Int, store: (any TrainingMemoStore)? = nil) {
    self.limitBytes = limitBytes
    self.store = store
  }

  public var counts: Counts { state.withLock { $0.counts } }

  // MARK: - Trainings

  /// The training under `key`, from memory or the store.
  func training(_ key: Key) -> Training? {
    if let found = state.withLock({ state -> Training? in
      let found = state.trainings[key]
      if found != nil { state.counts.trainingHits += 1 }
      return found
    }) {
      return found
    }
    if let bytes = store?.load(key), let training = MemoEncoding.decodeTraining(bytes, key: key) {
      remember(training, under: key, save: false)
      state.withLock { $0.counts.trainingHits += 1 }
      return training
    }
    state.withLock { $0.counts.trainingMisses += 1 }
    return nil
  }

  /// Keeps `training` under `key` (in memory while under the limit, and in the store).
  func remember(_ training: Training, under key: Key, save: Bool = true) {
    state.withLock { state in
      let size = training.outcome.parameters.count * MemoryLayout<Float>.size
      guard state.bytes + size <= limitBytes, state.trainings[key] == nil else { return }
      state.trainings[key] = training
      state.bytes += size
    }
    if save, let store { store.save(key, MemoEncoding.encode(training, key: key)) }
  }

  // MARK: - Evaluations

  func evaluation(_ key: Key) -> (accuracy: Double, loss: Double)? {
    if let found = state.withLock({ state -> (accuracy: Double, loss: Double)? in
      let found = state.evaluations[key]
      if found != nil { state.counts.evaluationHits += 1 }
      return found
    }) {
      return found
    }
    if let bytes = store?.load(key), let found = MemoEncoding.decodeEvaluation(bytes, key: key) {
      state.withLock {
        $0.evaluations[key] = found
        $0.counts.evaluationHits += 1
      }
      return found
    }
    state.withLock { $0.counts.evaluationMisses += 1 }
    return nil
  }

  func remember(evaluation: (accuracy: Double, loss: Double), under key: Key) {
    state.withLock { $0.evaluations[key] = evaluation }
    store?.save(key, MemoEncoding.encode(evaluation: evaluation, key: key))
  }

  // MARK: - Aggregates

  /// The aggregate under `key`, from memory or the store.
  func aggregate(_ key: Key) -> Aggregate? {
    if let found = state.withLock({ state -> Aggregate? in
      let found = state.aggregates[key]
      if found != nil { state.counts.aggregationHits += 1 }
      return found
    }) {
      return found
    }
    if let bytes = store?.load(key), let found = MemoEncoding.decodeAggregate(bytes, key: key) {
      remember(found, under: key, save: false)
      state.withLock { $0.counts.aggregationHits += 1 }
      return found
    }
    state.withLock { $0.counts.aggregationMisses += 1 }
    return nil
  }

  /// Keeps `aggregate` under `key`, as a training is kept.
  func remember(_ aggregate: Aggregate, under key: Key, save: Bool = true) {
    state.withLock { state in
      let size = aggregate.parameters.count * MemoryLayout<Float>.size
      guard state.bytes + size <= limitBytes, state.aggregates[key] == nil else { return }
      state.aggregates[key] = aggregate
      state.bytes += size
    }
    if save, let store { store.save(key, MemoEncoding.encode(aggregate, key: key)) }
  }

  // MARK: - Keys

  /// The SHA-256 of `parts`, each length-prefixed so that no two lists of parts collide.
  public static func key(_ parts: [[UInt8]]) -> Key {
    var hasher = SHA256()
    for part in parts {
      hasher.update(bytes(of: UInt64(part.count)))
      hasher.update(part)
    }
    return Key(bytes: hasher.finalize())
  }

  /// The SHA-256 of a float vector's bytes (little-endian IEEE 754, as on the wire).
  static func digest(of parameters: [Float]) -> [UInt8] {
    var hasher = SHA256()
    parameters.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    return hasher.finalize()
  }

  static func bytes(of value: UInt64) -> [UInt8] {
    (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
  }
}

/// Where a memo keeps entries beyond its process: a folder of files, say. `load` returns nil for
/// an absent or unreadable entry; the memo checks what it gets (a damaged entry is a miss).
public protocol TrainingMemoStore: Sendable {
  func load(_ key: TrainingMemo.Key) -> [UInt8]?
  func save(_ key: TrainingMemo.Key, _ bytes: [UInt8])
}
