import Cryptography
import Learning
import SimCore

/// The bytes of a `TrainingMemo` entry in a store: a magic and kind, the entry's key, its fields
/// in little-endian order, and a SHA-256 of everything before it. Decoding checks all of it, so a
/// truncated, damaged or misplaced file is a miss, never a wrong result.
enum MemoEncoding {
  static let magic = Array("fedchain-memo-1\n".utf8)
  static let trainingKind: UInt8 = 1
  static let evaluationKind: UInt8 = 2
  static let aggregateKind: UInt8 = 3
  /// The largest parameter count decoded (a damaged length cannot ask for more memory).
  static let maximumParameters = 1 << 31

  static func encode(_ training: TrainingMemo.Training, key: TrainingMemo.Key) -> [UInt8] {
    var out = magic + [trainingKind] + key.bytes
    let outcome = training.outcome
    append(UInt64(outcome.parameters.count), to: &out)
    outcome.parameters.withUnsafeBytes { out.append(contentsOf: $0) }
    appendWork(outcome.work, to: &out)
    append(outcome.meanLoss.bitPattern, to: &out)
    append(UInt64(outcome.steps), to: &out)
    append(UInt64(outcome.samplesProcessed), to: &out)
    let s = training.shufflerAfter
    for value in [s.0, s.1, s.2, s.3] { append(value, to: &out) }
    return out + SHA256.hash(out)
  }

  static func encode(_ aggregate: TrainingMemo.Aggregate, key: TrainingMemo.Key) -> [UInt8] {
    var out = magic + [aggregateKind] + key.bytes
    append(UInt64(aggregate.parameters.count), to: &out)
    aggregate.parameters.withUnsafeBytes { out.append(contentsOf: $0) }
    appendWork(aggregate.work, to: &out)
    return out + SHA256.hash(out)
  }

  static func decodeAggregate(_ bytes: [UInt8], key: TrainingMemo.Key) -> TrainingMemo.Aggregate? {
    guard var reader = Reader(bytes, kind: aggregateKind, key: key),
      let parameters = reader.floats(), let work = reader.work(), reader.isAtEnd
    else { return nil }
    return TrainingMemo.Aggregate(parameters: parameters, work: work)
  }

  private static func appendWork(_ work: Work, to out: inout [UInt8]) {
    for value in [
      work.floatingPointOperations, work.limbMultiplications, work.bytesHashed,
      work.bytesCiphered, work.curveScalarMultiplications,
    ] {
      append(UInt64(bitPattern: value), to: &out)
    }
  }

  static func encode(evaluation: (accuracy: Double, loss: Double), key: TrainingMemo.Key)
    -> [UInt8]
  {
    var out = magic + [evaluationKind] + key.bytes
    append(evaluation.accuracy.bitPattern, to: &out)
    append(evaluation.loss.bitPattern, to: &out)
    return out + SHA256.hash(out)
  }

  static func decodeTraining(_ bytes: [UInt8], key: TrainingMemo.Key) -> TrainingMemo.Training? {
    guard var reader = Reader(bytes, kind: trainingKind, key: key),
      let parameters = reader.floats(), let work = reader.work()
    else { return nil }
    var fields: [UInt64] = []
    for _ in 0..<7 {
      guard let value = reader.uint64() else { return nil }
      fields.append(value)
    }
    // The shuffler's state (fields 3–6) is never all zero in a real entry.
    guard reader.isAtEnd, fields[3...6].contains(where: { $0 != 0 }) else { return nil }
    let outcome = TrainingOutcome(
      parameters: parameters, work: work, meanLoss: Double(bitPattern: fields[0]),
      steps: Int(truncatingIfNeeded: fields[1]),
      samplesProcessed: Int(truncatingIfNeeded: fields[2]))
    return TrainingMemo.Training(
      outcome: outcome, shufflerAfter: (fields[3], fields[4], fields[5], fields[6]))
  }

  static func decodeEvaluation(_ bytes: [UInt8], key: TrainingMemo.Key) -> (
    accuracy: Double, loss: Double
  )? {
    guard var reader = Reader(bytes, kind: evaluationKind, key: key),
      let accuracy = reader.uint64(), let loss = reader.uint64(), reader.isAtEnd
    else { return nil }
    return (Double(bitPattern: accuracy), Double(bitPattern: loss))
  }

  private static func append(_ value: UInt64, to out: inout [UInt8]) {
    for shift in stride(from: 0, to: 64, by: 8) {
      out.append(UInt8(truncatingIfNeeded: value >> shift))
    }
  }

  /// Reads the fields between the header and the checksum, after checking both.
  private struct Reader {
    let body: ArraySlice<UInt8>
    var offset: Int

    init?(_ bytes: [UInt8], kind: UInt8, key: TrainingMemo.Key) {
      let header = magic.count + 1 + key.bytes.count
      guard bytes.count >= header + 32 else { return nil }
      let end = bytes.count - 32
      guard Array(bytes[..<magic.count]) == magic, bytes[magic.count] == kind,
        Array(bytes[(magic.count + 1)..<header]) == key.bytes,
        SHA256.hash(Array(bytes[..<end])) == Array(bytes[end...])
      else { return nil }
      body = bytes[header..<end]
      offset = header
    }

    var isAtEnd: Bool { offset == body.endIndex }

    mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
      guard count >= 0, body.endIndex - offset >= count else { return nil }
      defer { offset += count }
      return body[offset..<(offset + count)]
    }

    /// A count, then that many floats.
    mutating func floats() -> [Float]? {
      guard let count = uint64(), count <= maximumParameters,
        let raw = take(Int(count) * MemoryLayout<Float>.size)
      else { return nil }
      // Copied, not rebound: the slice need not be aligned for Float.
      return [Float](unsafeUninitializedCapacity: Int(count)) { buffer, initialized in
        raw.withUnsafeBytes { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: $0) }
        initialized = Int(count)
      }
    }

    /// Five work counters.
    mutating func work() -> Work? {
      var fields: [Int64] = []
      for _ in 0..<5 {
        guard let value = uint64() else { return nil }
        fields.append(Int64(bitPattern: value))
      }
      return Work(
        floatingPointOperations: fields[0], limbMultiplications: fields[1],
        bytesHashed: fields[2], bytesCiphered: fields[3], curveScalarMultiplications: fields[4])
    }

    mutating func uint64() -> UInt64? {
      guard let raw = take(8) else { return nil }
      return raw.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }
  }
}
