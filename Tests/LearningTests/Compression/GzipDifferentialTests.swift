import Foundation
import SimCore
import Testing

@testable import Learning

/// The system's `gzip`, when there is one, compresses seeded inputs at every level; our decoder
/// must give each input back. This reaches encoder choices the committed fixtures do not.
private let gzipPath = ["/usr/bin/gzip", "/bin/gzip"].first {
  FileManager.default.isExecutableFile(atPath: $0)
}

struct GzipDifferentialTests {
  /// Text of random words, runs of one byte, random bytes, and copies of earlier stretches from
  /// up to 32 KiB back (DEFLATE's window), in random order.
  private func makeInput(_ generator: inout Xoshiro256StarStar, bytes: Int) -> [UInt8] {
    let words = ["round", "epoch", "client", "block", "ledger", "gas", "shard", "α", "\n", " "]
    var output: [UInt8] = []
    while output.count < bytes {
      switch generator.nextInt(below: 4) {
      case 0:
        for _ in 0..<generator.nextInt(in: 5...60) {
          output += Array(words[generator.nextInt(below: words.count)].utf8) + [0x20]
        }
      case 1:
        output += [UInt8](
          repeating: UInt8(truncatingIfNeeded: generator.next()),
          count: generator.nextInt(in: 1...600))
      case 2:
        for _ in 0..<generator.nextInt(in: 1...300) {
          output.append(UInt8(truncatingIfNeeded: generator.next()))
        }
      default:
        guard !output.isEmpty else { continue }
        let distance = generator.nextInt(in: 1...min(32_768, output.count))
        let start = output.count - distance
        for offset in 0..<generator.nextInt(in: 3...400) { output.append(output[start + offset]) }
      }
    }
    return Array(output.prefix(bytes))
  }

  private func systemGzip(_ input: [UInt8], level: Int, name: String) throws -> [UInt8] {
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("fedchain-gzip-\(name)-\(getpid()).bin")
    try Data(input).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(gzipPath))
    process.arguments = ["-\(level)", "-c", file.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return [UInt8](output)
  }

  @Test(.enabled(if: gzipPath != nil, "no gzip executable found"), arguments: 1...9)
  func systemGzipOutputDecodesAtLevel(_ level: Int) throws {
    var generator = RandomStreams(seed: 1952).make(StreamPurpose("gzipDifferential"), index: level)
    for size in [0, 1, 257, generator.nextInt(in: 2_000...40_000)] {
      let input = makeInput(&generator, bytes: size)
      let compressed = try systemGzip(input, level: level, name: "\(level)-\(size)")
      #expect(try Gzip.decompress(compressed) == input, "level \(level), \(size) bytes")
    }
  }
}
