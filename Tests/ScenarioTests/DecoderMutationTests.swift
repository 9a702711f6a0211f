import Foundation
import Platform
import Scenario
import SimCore
import Testing
import Traces

/// The decoders' promise under hostile input: every text either decodes or is refused with a
/// `ScenarioError` (the CLI's exit 65) whose description is one bounded line naming the file.
/// A trap fails by killing the test process: each mutant is written to `lastMutantFile(batch:)`
/// before it is decoded, so the culprit is there afterwards.
///
/// The mutants are our own seeded mutations of the committed scenarios, so a failure reproduces
/// from its index alone. `fuzz/run.sh` runs the coverage-guided version of the same check with
/// libFuzzer; what it finds is committed under `fuzz/corpus/` and replayed here.
struct DecoderMutationTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// Mutant `i` draws from `Xoshiro256StarStar(seed: seed &+ i)`.
  static let seed: UInt64 = 0x5EED_0F_F022
  static let mutantCount = 5_000
  /// The mutants run in this many parallel batches.
  static let batchCount = 4
  // MARK: - Tests

  @Test(arguments: 0..<batchCount)
  func mutatedScenariosAreDecodedOrRejectedOnOneLine(batch: Int) throws {
    let seeds = try Self.files(in: "scenarios")
    try #require(seeds.count >= 5)
    let donors = try seeds.map { Array(try Data(contentsOf: $0)) }
    var failures: [String] = []
    for index in stride(from: batch, to: Self.mutantCount, by: Self.batchCount) {
      var mutator = ScenarioMutator(
        generator: Xoshiro256StarStar(seed: Self.seed &+ UInt64(index)), donors: donors)
      let which = mutator.pick(donors.count)
      let mutant = mutator.mutate(donors[which])
      try Data(mutant).write(to: Self.lastMutantFile(batch: batch))
      if let violation = Self.violation(in: mutant) {
        failures.append(
          "mutant \(index) (seed \(Self.seed) + \(index), of \(seeds[which].lastPathComponent)): "
            + "\(violation); input: \(Self.escaped(String(decoding: mutant, as: UTF8.self)))")
      }
    }
    for failure in failures.prefix(5) { Issue.record(Comment(rawValue: failure)) }
    #expect(failures.isEmpty, "\(failures.count) mutants of batch \(batch) broke the promise")
  }

  @Test(arguments: corpusEntries)
  func everyCorpusEntryIsDecodedOrRejectedOnOneLine(entry: String) throws {
    let bytes = Array(try Data(contentsOf: Self.packageRoot.appendingPathComponent(entry)))
    let violation = Self.violation(in: bytes)
    #expect(violation == nil, "\(entry): \(violation ?? "")")
  }

  @Test func theCorpusHoldsTheCommittedScenariosAndGraphML() {
    #expect(Self.corpusEntries.contains("fuzz/corpus/scenario/scenarios-default.json"))
    #expect(Self.corpusEntries.contains { $0.hasSuffix(".graphml") })
  }

  /// Where batch `batch` keeps the mutant it is decoding.
  static func lastMutantFile(batch: Int) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "fedchain-decoder-mutant-\(batch).json")
  }

  // MARK: - The check

  /// The corpus files, relative to the package root, sorted.
  static var corpusEntries: [String] {
    let folder = packageRoot.appendingPathComponent("fuzz/corpus")
    let names = FileManager.default.subpaths(atPath: folder.path) ?? []
    return names.filter { !$0.hasPrefix(".") && $0.contains(".") }.sorted().map {
      "fuzz/corpus/" + $0
    }
  }

  static func files(in folder: String) throws -> [URL] {
    let url = packageRoot.appendingPathComponent(folder)
    return try FileManager.default.contentsOfDirectory(atPath: url.path).filter {
      $0.hasSuffix(".json")
    }.sorted().map { url.appendingPathComponent($0) }
  }

  /// Why decoding `bytes` broke the promise, or nil: the fuzzer's own oracle.
  static func violation(in bytes: [UInt8]) -> String? {
    DecodingOracle.violation(in: bytes, baseDirectory: packageRoot.path)
  }

  /// `text` escaped and cut for a failure message.
  static func escaped(_ text: String) -> String { EchoedText.echoed(text, limit: 400) }
}

// MARK: - Mutations

/// Seeded structure-aware mutations of JSON text: byte flips, deletions, insertions, splices
/// from other scenarios, values replaced by extreme ones, keys renamed and values nested deeply.
private struct ScenarioMutator {
  var generator: Xoshiro256StarStar
  let donors: [[UInt8]]

  /// Values at and past every limit, in JSON. No count is big but valid (a 100,000-leaf star
  /// decodes, slowly): the test must stay fast.
  static let extremeValues: [String] = [
    "0", "-0", "-1", "0.5", "1e999999999", "-1e999999999", "1e-400", "4.9e-324",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551616",
    "1000001", "100001", "1.7976931348623157e308", String(repeating: "9", count: 400),
    "null", "true", "[]", "{}", "[\"\"]", "[null]", "\"\"", "\" \"", "\"\\u0000\"",
    "\"a\\nb\"", "\"\\u001b[31m\"", "\"\\u2028\"", "\"\\ud800\"", "\"\\u0085\"",
    "\"" + String(repeating: "x", count: 3_000) + "\"", "\"0s\"", "\"1ns\"", "\"100ms\"",
    "\"200ms\"", "\"86400s\"", "\"86401s\"", "\"3600s\"", "\"3601s\"", "\"3000000000s\"",
    "\"9223372036854775807ns\"", "\"9223372036854775808ns\"", "\"1e30s\"", "\"-1ms\"",
    "\"nans\"", "\"infs\"", "\"0.0000000001ns\"", "\"1bps\"", "\"0bps\"", "\"100Mbps\"",
    "\"9223372036854775807bps\"", "\"9223372036854775807GBps\"", "\"1e30Gbps\"", "\"1023\"",
    "\"1e30GiB\"", "\"8388608TiB\"", "\"1.5MB\"", "\"64KiB\"", "\"exact\"", "\"max-min\"",
    "\"poa\"", "\"pow\"", "\"bft\"", "\"on-chain\"", "\"off-chain\"", "\"edge-tree\"", "\"star\"",
    "\"random-geometric\"", "\"placeholder\"", "\"learning\"", "\"transfers\"", "\"fedavg\"",
    "\"cloud\"", "\"server\"", "\"c0\"", "\"e0\"", "\"h1\"", "\"client\"", "\"validator\"",
    "\"storage\"", "\"iot-device\"", "\"mlp:9223372036854775807-2\"", "\"mlp:1\"",
    "\"synthetic:kind=blobs,samples=9223372036854775807\"", "\"dirichlet:1e-320\"",
    "\"pathological:0\"", "\"krum:-1\"", "\"multi-krum:1:0\"", "\"trimmed-mean:0.5\"",
    "\"mnist:\"", "\"digits:x\"",
  ]

  static let keys: [String] = [
    "name", "seed", "sharing", "rateUpdate", "topology", "workload", "output", "description",
    "nodes", "links", "generator", "graphml", "id", "roles", "profile", "cores", "between",
    "latency", "bandwidth", "reverseBandwidth", "loss", "class", "clients", "edges", "validators",
    "leaves", "radius", "sideKilometres", "uplinkBandwidth", "kind", "server", "rounds",
    "fraction", "epochs", "batchSize", "learningRate", "deadline", "training", "chain",
    "consensus", "blockPeriod", "wiggle", "blockInterval", "timeout", "timeoutIncrement",
    "commitDelay", "confirmations", "blockBytes", "blockGas", "payloads", "storage", "parameters",
    "samplesPerClient", "model", "dataset", "partition", "aggregation", "threads", "transfers",
    "from", "to", "bytes", "start", "flopsPerSecond", "", "a\nb", "\u{1b}[2J",
  ]

  /// A token of the text: a string (with its quotes) or a bare number or word.
  struct Token {
    var range: Range<Int>
    var isKey: Bool
  }

  mutating func pick(_ count: Int) -> Int { generator.nextInt(below: count) }

  /// One to three mutations of `input`. Byte-level ones mostly make a syntax error, so two in
  /// three are structure-aware and keep the JSON well-formed, to reach the field checks.
  mutating func mutate(_ input: [UInt8]) -> [UInt8] {
    var bytes = input
    for _ in 0...pick(3) {
      switch pick(12) {
      case 0: flipBit(&bytes)
      case 1: deleteRange(&bytes)
      case 2: insertBytes(&bytes)
      case 3: splice(&bytes)
      case 4...7: replaceValue(&bytes)
      case 8, 9: renameKey(&bytes)
      default: nest(&bytes)
      }
    }
    return bytes
  }

  mutating func flipBit(_ bytes: inout [UInt8]) {
    guard !bytes.isEmpty else { return }
    bytes[pick(bytes.count)] ^= 1 << UInt8(pick(8))
  }

  mutating func deleteRange(_ bytes: inout [UInt8]) {
    guard !bytes.isEmpty else { return }
    let start = pick(bytes.count)
    bytes.removeSubrange(start..<min(bytes.count, start + 1 + pick(64)))
  }

  mutating func insertBytes(_ bytes: inout [UInt8]) {
    let interesting = Array("{}[],:\"\\ 0-.eE".utf8) + [0x00, 0x0A, 0x0D, 0x1B, 0x7F, 0xC2, 0xFF]
    let inserted = (0...pick(8)).map { _ in interesting[pick(interesting.count)] }
    bytes.insert(contentsOf: inserted, at: pick(bytes.count + 1))
  }

  /// Copies up to 256 bytes of another scenario over a range of this one.
  mutating func splice(_ bytes: inout [UInt8]) {
    let donor = donors[pick(donors.count)]
    guard !donor.isEmpty, !bytes.isEmpty else { return }
    let from = pick(donor.count)
    let piece = donor[from..<min(donor.count, from + 1 + pick(256))]
    let at = pick(bytes.count)
    bytes.replaceSubrange(at..<min(bytes.count, at + pick(64)), with: piece)
  }

  mutating func replaceValue(_ bytes: inout [UInt8]) {
    let values = Self.tokens(in: bytes).filter { !$0.isKey }
    guard !values.isEmpty else { return }
    let target = values[pick(values.count)]
    let value = Self.extremeValues[pick(Self.extremeValues.count)]
    bytes.replaceSubrange(target.range, with: Array(value.utf8))
  }

  mutating func renameKey(_ bytes: inout [UInt8]) {
    let keys = Self.tokens(in: bytes).filter(\.isKey)
    guard !keys.isEmpty else { return }
    let target = keys[pick(keys.count)]
    var name = Self.keys[pick(Self.keys.count)]
    if pick(4) == 0, !name.isEmpty {  // a typo: one character dropped
      name.remove(at: name.index(name.startIndex, offsetBy: pick(name.count)))
    }
    bytes.replaceSubrange(target.range, with: Array(JSONWriter.quoted(name).utf8))
  }

  /// Wraps a value in arrays or objects, sometimes past the parser's depth limit of 512.
  mutating func nest(_ bytes: inout [UInt8]) {
    let values = Self.tokens(in: bytes).filter { !$0.isKey }
    guard !values.isEmpty else { return }
    let target = values[pick(values.count)]
    let depth = [1, 2, 8, 511, 512, 513, 2_000][pick(7)]
    let (open, close) = pick(2) == 0 ? ("[", "]") : ("{\"k\": ", "}")
    let wrapped =
      String(repeating: open, count: depth)
      + String(decoding: bytes[target.range], as: UTF8.self)
      + String(repeating: close, count: depth)
    bytes.replaceSubrange(target.range, with: Array(wrapped.utf8))
  }

  /// The strings, numbers and words of `bytes`, strings followed by `:` marked as keys. A
  /// lexer, not a parser: it copes with any bytes.
  static func tokens(in bytes: [UInt8]) -> [Token] {
    var tokens: [Token] = []
    var i = 0
    while i < bytes.count {
      let byte = bytes[i]
      if byte == UInt8(ascii: "\"") {
        var end = i + 1
        while end < bytes.count && bytes[end] != UInt8(ascii: "\"") {
          end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
        }
        end = min(end + 1, bytes.count)
        var next = end
        while next < bytes.count && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[next]) { next += 1 }
        let isKey = next < bytes.count && bytes[next] == UInt8(ascii: ":")
        tokens.append(Token(range: i..<end, isKey: isKey))
        i = end
      } else if isWordByte(byte) {
        var end = i
        while end < bytes.count && isWordByte(bytes[end]) { end += 1 }
        tokens.append(Token(range: i..<end, isKey: false))
        i = end
      } else {
        i += 1
      }
    }
    return tokens
  }

  static func isWordByte(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
      || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
      || [UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "E")].contains(byte)
  }
}
