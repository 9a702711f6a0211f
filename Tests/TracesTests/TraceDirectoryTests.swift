import Foundation
import Testing

@testable import Traces

/// The output folder's guarantees (see `TraceDirectory`): whole-folder replacement, a lock, and
/// recovery from runs killed at each step, the crash states built by hand on disk.
struct TraceDirectoryTests {
  /// A new empty scratch folder for one test; the output goes to `<scratch>/out`.
  private func scratch(_ name: String = #function) throws -> String {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("fedchain-traces-\(getpid())-\(name.filter(\.isLetter))").path
    try? FileManager.default.removeItem(atPath: folder)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }

  private func contents(of folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
  }

  private func read(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
  }

  /// A manifest as fedchain writes it, listing `files`.
  private func manifest(_ files: [String]) -> String {
    JSONWriter.write(
      .object([("tool", .string("fedchain")), ("files", .array(files.map { .string($0) }))]))
  }

  private func write(_ files: [String: String], to path: String) throws {
    let folder = try TraceDirectory(claiming: path)
    try folder.replaceContents(with: files.keys.sorted().map { ($0, files[$0]!) })
  }

  @Test func staleFilesFromAnEarlierRunAreRemoved() throws {
    let root = try scratch()
    let out = root + "/out"
    try write(
      ["a.csv": "1\n", "blocks.csv": "old\n", "manifest.json": manifest(["a.csv", "blocks.csv"])],
      to: out)
    try write(["a.csv": "2\n", "manifest.json": manifest(["a.csv"])], to: out)
    #expect(try contents(of: out) == ["a.csv", "manifest.json"])
    #expect(try read(out + "/a.csv") == "2\n")
  }

  @Test func aRunLeavesNoTemporaryOrLockFileBehind() throws {
    let root = try scratch()
    try write(["a.csv": "1\n", "manifest.json": manifest(["a.csv"])], to: root + "/out")
    try write(["a.csv": "2\n", "manifest.json": manifest(["a.csv"])], to: root + "/out")
    #expect(try contents(of: root) == ["out"])
  }

  @Test func aClaimDroppedWithoutWritingLeavesTheFolderAndReleasesTheLock() throws {
    let root = try scratch()
    let out = root + "/out"
    try write(["a.csv": "1\n", "manifest.json": manifest(["a.csv"])], to: out)
    do { _ = try TraceDirectory(claiming: out) }  // a run that failed after claiming
    #expect(try contents(of: root) == ["out"])
    #expect(try read(out + "/a.csv") == "1\n")
    _ = try TraceDirectory(claiming: out)
  }

  @Test func leftoversOfAKilledRunAreRemovedAndTheFolderKept() throws {
    // Killed while writing (`.out.partial-<pid>` half full) or after the exchange (the previous
    // folder under that name, the new one in place): either way `out` is complete and the
    // temporary goes.
    let root = try scratch()
    let out = root + "/out"
    try write(["a.csv": "kept\n", "manifest.json": manifest(["a.csv"])], to: out)
    for leftover in [".out.partial-999999", ".out.old-12"] {
      try FileManager.default.createDirectory(
        atPath: root + "/" + leftover + "/sub", withIntermediateDirectories: true)
      try Data("half".utf8).write(to: URL(fileURLWithPath: root + "/" + leftover + "/sub/x"))
    }
    // A killed run's lock file, no longer locked.
    #expect(FileManager.default.createFile(atPath: root + "/.out.lock", contents: nil))
    do { _ = try TraceDirectory(claiming: out) }
    #expect(try contents(of: root) == ["out"])
    #expect(try read(out + "/a.csv") == "kept\n")
  }

  @Test func aPreviousFolderRenamedAsideIsRestoredWhenTheRunDiedBeforeTheNewOneWasIn() throws {
    // Without RENAME_EXCHANGE the previous folder goes to `.out.old-<pid>` and then the new one
    // is renamed in; a kill between the two leaves no `out`. The next claim puts it back.
    let root = try scratch()
    try FileManager.default.createDirectory(
      atPath: root + "/.out.old-4242", withIntermediateDirectories: true)
    try Data("previous\n".utf8).write(to: URL(fileURLWithPath: root + "/.out.old-4242/a.csv"))
    try Data(manifest(["a.csv"]).utf8).write(
      to: URL(fileURLWithPath: root + "/.out.old-4242/manifest.json"))
    try FileManager.default.createDirectory(
      atPath: root + "/.out.partial-4242", withIntermediateDirectories: true)
    do { _ = try TraceDirectory(claiming: root + "/out") }
    #expect(try contents(of: root) == ["out"])
    #expect(try read(root + "/out/a.csv") == "previous\n")
  }

  @Test func namesThatOnlyLookLikeLeftoversAreLeftAlone() throws {
    let root = try scratch()
    let others = [
      ".out.partial-", ".out.partial-12a", ".outx.partial-1", ".out.partial", "out.old-1",
    ]
    for name in others {
      try FileManager.default.createDirectory(
        atPath: root + "/" + name, withIntermediateDirectories: true)
    }
    try write(["a.csv": "1\n"], to: root + "/out")
    #expect(try contents(of: root) == (others + ["out"]).sorted())
  }

  @Test func secondClaimOfAFolderFailsAtOnceWhileTheFirstHoldsIt() throws {
    let root = try scratch()
    let out = root + "/out"
    let first = try TraceDirectory(claiming: out)
    // `flock` locks belong to an open file description, so a second claim in the same process
    // conflicts exactly as another process's would.
    #expect(throws: OutputError.locked(path: out)) { _ = try TraceDirectory(claiming: out) }
    #expect(OutputError.locked(path: out).isRefusal)
    #expect(OutputError.locked(path: out).description.contains("another fedchain run"))
    try first.replaceContents(with: [("a.csv", "1\n"), ("manifest.json", manifest(["a.csv"]))])
    _ = try TraceDirectory(claiming: out)
  }

  @Test func aFolderWithFilesFedchainDidNotWriteIsRefusedAndKept() throws {
    let root = try scratch()
    let out = root + "/out"
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    try Data("mine".utf8).write(to: URL(fileURLWithPath: out + "/thesis.tex"))
    #expect(throws: OutputError.notAnOutputFolder(path: out, entry: "thesis.tex")) {
      _ = try TraceDirectory(claiming: out)
    }
    // A manifest that does not list it does not make it fedchain's.
    try Data(manifest(["a.csv"]).utf8).write(to: URL(fileURLWithPath: out + "/manifest.json"))
    try Data("1".utf8).write(to: URL(fileURLWithPath: out + "/a.csv"))
    #expect(throws: OutputError.notAnOutputFolder(path: out, entry: "thesis.tex")) {
      _ = try TraceDirectory(claiming: out)
    }
    // Nor does a manifest some other tool wrote.
    try FileManager.default.removeItem(atPath: out + "/thesis.tex")
    try Data(#"{"tool": "other", "files": ["a.csv"]}"#.utf8).write(
      to: URL(fileURLWithPath: out + "/manifest.json"))
    #expect(throws: OutputError.notAnOutputFolder(path: out, entry: "a.csv")) {
      _ = try TraceDirectory(claiming: out)
    }
    #expect(try contents(of: out) == ["a.csv", "manifest.json"])
    #expect(try contents(of: root) == ["out"])
  }

  @Test func aFileAsTheOutputFolderIsRefused() throws {
    let root = try scratch()
    try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/out"))
    #expect(throws: OutputError.notAFolder(path: root + "/out", kind: "a file")) {
      _ = try TraceDirectory(claiming: root + "/out")
    }
    #expect(try read(root + "/out") == "x")
  }

  @Test func anEmptyPathIsRefused() {
    #expect(throws: OutputError.emptyPath) { _ = try TraceDirectory(claiming: "") }
    #expect(OutputError.emptyPath.isRefusal)
  }

  @Test func aFolderUnderAFileCannotBeWrittenAndSaysWhy() throws {
    let root = try scratch()
    try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/file"))
    #expect {
      _ = try TraceDirectory(claiming: root + "/file/out")
    } throws: { error in
      guard let error = error as? OutputError, case .failed(_, "mkdir", _) = error else {
        return false
      }
      return !error.isRefusal
    }
  }

  @Test func messagesAboutAPathWithControlCharactersStayOnOneLine() {
    let error = OutputError.locked(path: "/tmp/a\nb\u{1B}[31m")
    #expect(!error.description.contains("\n") && !error.description.contains("\u{1B}"))
    #expect(error.description.contains(#"/tmp/a\nb\u001b[31m"#))
  }

  // MARK: - A single output file

  @Test func anOutputFileIsReplacedWithoutLeftovers() throws {
    let root = try scratch()
    try OutputFile.replace(root + "/t.json", with: "1")
    try OutputFile.replace(root + "/t.json", with: "2")
    #expect(try read(root + "/t.json") == "2")
    #expect(try contents(of: root) == ["t.json"])
    try FileManager.default.createDirectory(
      atPath: root + "/dir", withIntermediateDirectories: true)
    #expect(throws: OutputError.notAFile(path: root + "/dir", kind: "a folder")) {
      try OutputFile.replace(root + "/dir", with: "x")
    }
  }
}
