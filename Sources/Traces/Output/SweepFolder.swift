#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The folder of one sweep, filled run by run:
///
/// ```
/// DIR/sweep.json                             which sweep this is (written first)
/// DIR/points/<index>-<id>/seed-<s>-run-<r>/  one run's traces (a TraceDirectory each)
/// DIR/sweep.csv, DIR/sweep-stats.csv         merged when every run is there
/// ```
///
/// Every file appears in one atomic step (`TraceDirectory` for a run, `OutputFile` for the
/// rest), so a sweep killed at any instant leaves complete runs and no partial one; resuming runs
/// only the missing ones.
///
/// A folder belongs to one sweep: its `sweep.json` names the sweep's id, and opening it for
/// another sweep is refused, so runs of two sweeps never mix. A sweep holds `DIR/.sweep.lock`
/// while it runs: exclusively for a whole sweep or a collect, shared for a shard, so the shards
/// of one job array run side by side but never beside a whole sweep of the same folder.
public struct SweepFolder: ~Copyable {
  /// The folder as the caller named it.
  public let path: String
  /// The folder's `sweep.json` text.
  public let record: String
  private let lockDescriptor: Int32

  /// The entries a sweep folder may hold besides hidden lock and temporary files.
  /// (`report.html` is the page `fedchain report` writes from the merged tables.)
  static let ownEntries: Set<String> = [
    "sweep.json", "sweep.csv", "sweep-stats.csv", "points", "report.html",
  ]

  /// Opens `path` for the sweep whose `sweep.json` is `record` and id `sweepID`: creates it if
  /// absent, writes `record` into an empty folder, and accepts a folder already holding this
  /// sweep.
  /// - Parameter shared: a shard's claim (shared with other shards) rather than an exclusive one.
  /// - Throws: `.notASweepFolder` when the folder holds anything else, `.otherSweep` when it
  ///   holds another sweep, `.locked` when another sweep of the folder runs, `.failed`.
  public init(opening path: String, sweepID: String, record: String, shared: Bool)
    throws(OutputError)
  {
    let location = try OutputPath(path)
    do throws(FileSystem.Failure) {
      try FileSystem.makeFolders(location.target)
    } catch {
      throw error.outputError
    }
    let descriptor = try Self.lock(location.target, shared: shared, path: path)
    do throws(OutputError) {
      switch try Self.recordedID(in: location.target, path: path) {
      case nil: try OutputFile.replace(location.target + "/sweep.json", with: record)
      case sweepID?: break
      case let other?: throw OutputError.otherSweep(path: path, found: other, expected: sweepID)
      }
    } catch {
      close(descriptor)
      throw error
    }
    self.path = path
    self.record = record
    self.lockDescriptor = descriptor
  }

  /// Opens an existing sweep folder, exclusively, to merge its runs; `record` is its
  /// `sweep.json`.
  public init(collecting path: String) throws(OutputError) {
    let location = try OutputPath(path)
    guard try Self.recordedID(in: location.target, path: path) != nil else {
      throw .notASweepFolder(path: path, entry: "")
    }
    let descriptor = try Self.lock(location.target, shared: false, path: path)
    // Read under the lock: a sweep that was starting has written its record by now.
    let text: String
    do throws(OutputError) {
      text = try Self.readRecord(location.target + "/sweep.json", path: path)
    } catch {
      close(descriptor)
      throw error
    }
    self.path = path
    self.record = text
    self.lockDescriptor = descriptor
  }

  deinit { close(lockDescriptor) }

  // MARK: - Runs

  /// The folder of a run, relative to the sweep folder.
  public static func runFolder(
    pointIndex: Int, pointID: String, width: Int, seed: UInt64, run: UInt64
  )
    -> String
  {
    let index = String(pointIndex)
    let padded = String(repeating: "0", count: max(0, width - index.count)) + index
    return "points/\(padded)-\(pointID)/seed-\(seed)-run-\(run)"
  }

  /// The `manifest.json` text of a finished run of this folder, or nil when the run is not there
  /// (never started, or killed before its folder was swapped in).
  public func manifest(ofRun relative: String) throws(OutputError) -> String? {
    let file = path + "/" + relative + "/manifest.json"
    do throws(FileSystem.Failure) {
      guard try FileSystem.kind(at: file) == .file else { return nil }
    } catch {
      throw error.outputError
    }
    return try Self.readRecord(file, path: file)
  }

  /// The text of `name` (`summary.csv`) in a finished run's folder.
  public func file(_ name: String, ofRun relative: String) throws(OutputError) -> String {
    try Self.readRecord(
      path + "/" + relative + "/" + name, path: path + "/" + relative + "/" + name)
  }

  /// Replaces the sweep-level file `name` (`sweep.csv`) atomically.
  public func write(_ name: String, contents: String) throws(OutputError) {
    try OutputFile.replace(path + "/" + name, with: contents)
  }

  // MARK: - Helpers

  /// Takes `.sweep.lock` in `folder` without waiting.
  private static func lock(_ folder: String, shared: Bool, path: String) throws(OutputError)
    -> Int32
  {
    // The lock file is never removed: shards come and go, and removing it under a holder would
    // let a newcomer lock a fresh file beside it.
    let file = folder + "/.sweep.lock"
    let descriptor = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else {
      throw FileSystem.Failure(operation: "open", path: file, code: errno).outputError
    }
    while flock(descriptor, (shared ? LOCK_SH : LOCK_EX) | LOCK_NB) != 0 {
      let code = errno
      if code == EINTR { continue }
      close(descriptor)
      if code == EWOULDBLOCK { throw .locked(path: path) }
      throw FileSystem.Failure(operation: "flock", path: file, code: code).outputError
    }
    return descriptor
  }

  /// The sweep id the folder's `sweep.json` records; nil for an empty (or absent) folder.
  /// - Throws: `.notAFolder`, or `.notASweepFolder` naming an entry no sweep wrote.
  private static func recordedID(in folder: String, path: String) throws(OutputError) -> String? {
    let kind: FileSystem.Kind?
    let entries: [String]
    do throws(FileSystem.Failure) {
      kind = try FileSystem.kind(at: folder)
      entries = kind == .folder ? try FileSystem.entries(of: folder) : []
    } catch {
      throw error.outputError
    }
    guard let kind else { return nil }
    guard kind == .folder else { throw .notAFolder(path: path, kind: kind.phrase) }
    for entry in entries where !entry.hasPrefix(".") && !ownEntries.contains(entry) {
      throw .notASweepFolder(path: path, entry: entry)
    }
    guard entries.contains("sweep.json") else {
      if let entry = entries.first(where: { !$0.hasPrefix(".") }) {
        throw .notASweepFolder(path: path, entry: entry)
      }
      return nil
    }
    let text = try readRecord(folder + "/sweep.json", path: path)
    guard let json = try? JSONParser.parse(text), json["tool"]?.kind == .string("fedchain"),
      case .string(let id)? = json["id"]?.kind
    else { throw .notASweepFolder(path: path, entry: "sweep.json") }
    return id
  }

  /// A small text file written by a sweep (at most 256 MiB).
  private static func readRecord(_ file: String, path: String) throws(OutputError) -> String {
    let limitBytes = 256 << 20
    let bytes: [UInt8]
    do throws(FileSystem.Failure) {
      bytes = try FileSystem.readFile(file, limitBytes: limitBytes)
    } catch {
      throw error.outputError
    }
    guard bytes.count <= limitBytes, let text = String(validating: bytes, as: UTF8.self) else {
      throw .notASweepFolder(path: path, entry: file)
    }
    return text
  }
}
