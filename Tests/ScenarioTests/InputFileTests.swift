import Foundation
import Testing

@testable import Scenario

/// Reading an input file: what is wrong with it is said in the user's terms, and nothing that is
/// not a regular file is ever read (so nothing blocks).
struct InputFileTests {
  private func scratch(_ name: String = #function) throws -> String {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("fedchain-input-\(getpid())-\(name.filter(\.isLetter))").path
    try? FileManager.default.removeItem(atPath: folder)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }

  /// The reason `InputFile.readText` gives for `path`, nil if it read the file.
  private func reason(_ path: String, limitBytes: Int = 1 << 20) -> String? {
    do {
      _ = try InputFile.readText(path, limitBytes: limitBytes, what: "scenario file")
      return nil
    } catch {
      guard case .unreadable(let file, let reason) = error, file == path else {
        Issue.record("unexpected error \(error)")
        return nil
      }
      return reason
    }
  }

  @Test func directoryAsScenarioSaysItIsAFolder() throws {
    let folder = try scratch()
    #expect(reason(folder) == "it is a folder, not a scenario file")
    #expect(
      throws: ScenarioError.unreadable(file: folder, reason: "it is a folder, not a scenario file")
    ) {
      _ = try ScenarioLoader.load(path: folder)
    }
  }

  @Test(.timeLimit(.minutes(1))) func fifoAsScenarioDoesNotHang() throws {
    // Opening a FIFO for reading blocks until a writer comes; none will.
    let fifo = try scratch() + "/scenario.json"
    #expect(mkfifo(fifo, 0o600) == 0)
    #expect(reason(fifo) == "it is a named pipe (FIFO), not a scenario file; give a regular file")
  }

  @Test func deviceAsScenarioSaysItIsADevice() {
    // /dev/zero would be read forever; /dev/stdin too when it is a terminal.
    #expect(
      reason("/dev/zero") == "it is a character device, not a scenario file; give a regular file")
  }

  @Test func missingFileSaysNoSuchFile() throws {
    let folder = try scratch()
    #expect(reason(folder + "/absent.json") == "no such file")
    try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/file"))
    #expect(reason(folder + "/file/absent.json") == "a part of its path is a file, not a folder")
  }

  @Test(.enabled(if: geteuid() != 0, "root reads files whatever their permissions"))
  func unreadableFileSaysPermissionDenied() throws {
    let path = try scratch() + "/secret.json"
    try Data("{}".utf8).write(to: URL(fileURLWithPath: path))
    #expect(chmod(path, 0) == 0)
    #expect(reason(path) == "permission denied: this user may not read it")
  }

  @Test func oversizedFileNamesItsSizeAndTheLimit() throws {
    let path = try scratch() + "/big.json"
    try Data(repeating: 0x20, count: 3 << 20 + 1 << 19).write(to: URL(fileURLWithPath: path))
    #expect(
      reason(path, limitBytes: 2 << 20)
        == "it is 3.5 MiB (3670016 bytes); a scenario file may be at most 2 MiB")
    #expect(reason(path, limitBytes: 4 << 20) == nil)
  }

  @Test func textThatIsNotUTF8NamesTheByte() throws {
    let path = try scratch() + "/latin1.json"
    // "{\n  \"name\": \"Zürich\"}" in Latin-1: ü is the single byte 0xFC, at offset 14 on line 2.
    var bytes = Array("{\n  \"name\": \"Z".utf8)
    bytes += [0xFC] + Array("rich\"}".utf8)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect(
      reason(path)
        == "it is not UTF-8 text: byte 14 (line 2) starts an invalid sequence; save the scenario file as UTF-8"
    )
  }

  @Test(
    arguments: [
      ([0x41, 0x42], nil), ([0xC3, 0xBC], nil), ([0xF0, 0x9F, 0x98, 0x80], nil),
      ([0x41, 0x80], 1),  // a lone continuation byte
      ([0xC0, 0x80], 0),  // overlong NUL
      ([0xE0, 0x80, 0x80], 0),  // overlong three-byte form
      ([0xED, 0xA0, 0x80], 0),  // a UTF-16 surrogate
      ([0xF4, 0x90, 0x80, 0x80], 0),  // above U+10FFFF
      ([0x41, 0xE2, 0x82], 1),  // cut short at the end
      ([0xE2, 0x28, 0xA1], 0),  // a bad second byte
    ] as [([UInt8], Int?)])
  func firstInvalidUTF8OffsetFollowsTheUnicodeTable(bytes: [UInt8], expected: Int?) {
    #expect(InputFile.firstInvalidUTF8Offset(bytes) == expected)
    #expect((String(validating: bytes, as: UTF8.self) == nil) == (expected != nil))
  }
}
