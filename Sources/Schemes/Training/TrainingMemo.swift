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

  // MARK: - Trainings, evaluations, aggregates

  /// The training under `key`, from memory or the store.
  func training(_ key: Key) -> Training? {
    lookUp(
      key, in: \.trainings, hits: \.trainingHits, misses: \.trainingMisses,
      decode: MemoEncoding.decodeTraining,
      size: { $0.outcome.parameters.count * MemoryLayout<Float>.size })
  }

  /// Keeps `training` under `key` (in memory while under the limit, and in the store).
  func remember(_ training: Training, under key: Key) {
    keep(
      training, under: key, in: \.trainings,
      size: training.outcome.parameters.count * MemoryLayout<Float>.size)
    store?.save(key, MemoEncoding.encode(training, key: key))
  }

  /// The evaluation under `key`, from memory or the store.
  func evaluation(_ key: Key) -> (accuracy: Double, loss: Double)? {
    lookUp(
      key, in: \.evaluations, hits: \.evaluationHits, misses: \.evaluationMisses,
      decode: MemoEncoding.decodeEvaluation, size: { _ in 0 })
  }

  /// Keeps an evaluation (two numbers: not counted against the limit).
  func remember(evaluation: (accuracy: Double, loss: Double), under key: Key) {
    keep(evaluation, under: key, in: \.evaluations, size: 0)
    store?.save(key, MemoEncoding.encode(evaluation: evaluation, key: key))
  }

  /// The aggregate under `key`, from memory or the store.
  func aggregate(_ key: Key) -> Aggregate? {
    lookUp(
      key, in: \.aggregates, hits: \.aggregationHits, misses: \.aggregationMisses,
      decode: MemoEncoding.decodeAggregate, size: { $0.parameters.count * MemoryLayout<Float>.size }
    )
  }

  /// Keeps `aggregate` under `key`, as a training is kept.
  func remember(_ aggregate: Aggregate, under key: Key) {
    keep(
      aggregate, under: key, in: \.aggregates,
      size: aggregate.parameters.count * MemoryLayout<Float>.size)
    store?.save(key, MemoEncoding.encode(aggregate, key: key))
  }

  /// `key` in `table`, else in the store (decoded, checked, and kept in memory), counting a hit
  /// or a miss.
  private func lookUp<Value>(
    _ key: Key, in table: WritableKeyPath<State, [Key: Value]>,
    hits: WritableKeyPath<Counts, Int>, misses: WritableKeyPath<Counts, Int>,
    decode: ([UInt8], Key) -> Value?, size: (Value) -> Int
  ) -> Value? {
    var found: Value?
    state.withLock { state in
      found = state[keyPath: table][key]
      if found != nil { state.counts[keyPath: hits] += 1 }
    }
    if let found { return found }
    if let bytes = store?.load(key), let decoded = decode(bytes, key) {
      keep(decoded, under: key, in: table, size: size(decoded))
      state.withLock { $0.counts[keyPath: hits] += 1 }
      return decoded
    }
    state.withLock { $0.counts[keyPath: misses] += 1 }
    return nil
  }

  /// Adds `value` to `table` unless it holds `key` or `size` more bytes would pass the limit.
  private func keep<Value>(
    _ value: Value, under key: Key, in table: WritableKeyPath<State, [Key: Value]>, size: Int
  ) {
    state.withLock { state in
      guard state.bytes + size <= limitBytes, state[keyPath: table][key] == nil else { return }
      state[keyPath: table][key] = value
      state.bytes += size
    }
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
