#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A run's output folder, replaced as a whole: claimed before the run, then filled in one step.
///
/// ```swift
/// let folder = try TraceDirectory(claiming: "traces/default")  // before the simulation
/// let output = try Experiment.compare(spec)
/// try folder.replaceContents(with: output.files)
/// ```
///
/// For a folder `traces/x`, the claim takes an exclusive `flock` on `traces/.x.lock` and holds it
/// until the value is consumed or destroyed (or the process dies). The files are written with
/// plain `write` and `fsync` into the sibling `traces/.x.partial-<pid>`, which then takes the
/// place of `traces/x` in one atomic `renameat2(RENAME_EXCHANGE)`; the previous folder, now under
/// the temporary name, is removed. Where the file system cannot exchange, the previous folder is
/// renamed aside to `traces/.x.old-<pid>` and the new one renamed in.
///
/// Guarantees:
/// - At every instant, `traces/x` is the previous run's complete folder, or this run's complete
///   folder, or absent if there was none; never a mixture, never half-written files. (Without
///   `RENAME_EXCHANGE`, a crash between the two renames leaves the previous folder under
///   `.x.old-<pid>`; the next claim of `traces/x` renames it back.)
/// - The new folder holds exactly the files given: nothing of an earlier run is left beside them.
/// - Two processes cannot write `traces/x` at once: the second claim fails at once with
///   `OutputError.locked`, before any work.
/// - A claim removes the temporary siblings (`.x.partial-<pid>`, `.x.old-<pid>`) of earlier runs
///   that were killed. They are recognised by name and removed only while holding the lock, which
///   their owner would hold if it were alive. A normal end, or a failure this code sees, leaves
///   none, and removes the lock file; a killed run leaves its temporaries and the (free) lock file
///   until the next claim of the same folder.
/// - A folder is never replaced unless an earlier run wrote it: it must be empty, or hold a
///   fedchain `manifest.json` and only regular files that manifest lists (or `report.html`, the
///   page `fedchain report` made of them). Anything else is
///   refused (`OutputError.notAnOutputFolder`), as are a path naming a file, a link or a device
///   (`.notAFolder`) and the empty path (`.emptyPath`).
/// - Written files and the folder entries are flushed (`fsync`) before the exchange, and the
///   parent folder after it, so a power loss does not undo a completed replacement.
public struct TraceDirectory: ~Copyable {
  /// The folder as the caller named it (used in messages).
  public var path: String { location.given }
  let location: OutputPath
  private let lock: OutputLock

  /// Claims the folder at `path`: creates its parent folders if needed, takes the lock, cleans up
  /// after killed runs and checks that the folder may be replaced. Claim before running, so that
  /// a refused folder costs no simulation.
  /// - Throws: `OutputError`; `isRefusal` tells a bad request from a failing system.
  public init(claiming path: String) throws(OutputError) {
    let location = try OutputPath(path)
    if location.isRoot {
      throw .notAnOutputFolder(path: path, entry: (try? FileSystem.entries(of: "/"))?.first ?? "")
    }
    let lock = try location.claim()
    try Self.recoverFromKilledRuns(at: location)
    try Self.checkReplaceable(location)
    self.location = location
    self.lock = lock
  }

  private var target: String { location.target }

  deinit {
    // A run that failed, or never swapped its folder in, leaves no half-written folder.
    try? FileSystem.removeTree(location.sibling("partial"))
  }

  /// Files to write row by row during the run, in the folder that `replaceContents` will swap in
  /// (see `TraceStreams`); finish them before replacing.
  public func streams() throws(OutputError) -> TraceStreams {
    let partial = location.sibling("partial")
    guard mkdir(partial, 0o777) == 0 || errno == EEXIST else {
      throw FileSystem.Failure(operation: "mkdir", path: partial, code: errno).outputError
    }
    return TraceStreams(folder: partial)
  }

  // MARK: - Claiming

  /// Puts back a previous folder a killed run had renamed aside (if the folder is missing) and
  /// removes every other temporary sibling. Called with the lock held, so their owners are dead.
  private static func recoverFromKilledRuns(at location: OutputPath) throws(OutputError) {
    let target = location.target
    do throws(FileSystem.Failure) {
      let entries = try FileSystem.entries(of: location.parent)
      var asides = entries.filter { location.isLeftover($0, role: "old") }
      if try FileSystem.kind(at: target) == nil, let aside = asides.popLast() {
        try FileSystem.rename(location.inParent(aside), to: target)
      }
      for entry in entries.filter({ location.isLeftover($0, role: "partial") }) + asides {
        try FileSystem.removeTree(location.inParent(entry))
      }
    } catch {
      throw error.outputError
    }
  }

  /// Refuses a target that is not a folder, or a folder with anything a fedchain run did not
  /// write.
  private static func checkReplaceable(_ location: OutputPath) throws(OutputError) {
    let (target, path) = (location.target, location.given)
    do {
      guard let kind = try FileSystem.kind(at: target) else { return }
      guard kind == .folder else {
        throw OutputError.notAFolder(path: path, kind: kind.phrase)
      }
      let entries = try FileSystem.entries(of: target)
      guard !entries.isEmpty else { return }
      let written = try filesListedByManifest(in: target)
      for entry in entries {
        guard written.contains(entry), try FileSystem.kind(at: target + "/" + entry) == .file
        else { throw OutputError.notAnOutputFolder(path: path, entry: entry) }
      }
    } catch let error as OutputError {
      throw error
    } catch let error as FileSystem.Failure {
      throw error.outputError
    } catch {
      preconditionFailure("TraceDirectory: unexpected error \(error)")
    }
  }

  /// The files the folder's fedchain `manifest.json` lists, with the manifest itself; empty when
  /// there is no such manifest.
  private static func filesListedByManifest(in target: String) throws(FileSystem.Failure)
    -> Set<String>
  {
    let manifest = target + "/manifest.json"
    guard try FileSystem.kind(at: manifest) == .file else { return [] }
    let limitBytes = 256 << 20
    let bytes = try FileSystem.readFile(manifest, limitBytes: limitBytes)
    guard bytes.count <= limitBytes, let text = String(validating: bytes, as: UTF8.self),
      let json = try? JSONParser.parse(text), json["tool"]?.kind == .string("fedchain"),
      case .array(let files)? = json["files"]?.kind
    else { return [] }
    // `fedchain report` writes report.html beside the traces it draws; a new run replaces it
    // with the rest (a page of the old traces would be wrong).
    var names: Set<String> = ["manifest.json", "report.html"]
    for file in files {
      if case .string(let name) = file.kind { names.insert(name) }
    }
    return names
  }

  // MARK: - Replacing

  /// Makes `files`, with the files streamed into `streams()`, the folder's whole contents, in one
  /// atomic step, and releases the claim.
  /// - Precondition: each name is a plain file name (no `/`, not `.` or `..`), used once.
  /// - Throws: `OutputError.failed` naming the step. The folder then holds the previous contents
  ///   or (if only removing the previous folder or the last flush failed) the new ones, complete.
  public consuming func replaceContents(with files: [(name: String, contents: String)])
    throws(OutputError)
  {
    let names = files.map(\.name)
    precondition(
      Set(names).count == names.count
        && names.allSatisfy { !$0.isEmpty && !$0.contains("/") && $0 != "." && $0 != ".." },
      "TraceDirectory: bad file names \(names)")
    let partial = location.sibling("partial")
    do throws(FileSystem.Failure) {
      // The folder exists already when the run streamed files into it (`streams()`).
      guard mkdir(partial, 0o777) == 0 || errno == EEXIST else {
        throw FileSystem.Failure(operation: "mkdir", path: partial, code: errno)
      }
      for file in files {
        try FileSystem.writeNewFile(partial + "/" + file.name, contents: file.contents)
      }
      try FileSystem.syncFolder(partial)
      try swapIn(partial)
    } catch {
      try? FileSystem.removeTree(partial)
      throw error.outputError
    }
  }

  /// Puts the complete folder `partial` in the target's place and removes the previous folder.
  private func swapIn(_ partial: String) throws(FileSystem.Failure) {
    var previous: String?
    if try FileSystem.kind(at: target) == nil {
      try FileSystem.rename(partial, to: target)
    } else if try FileSystem.exchange(partial, target) {
      previous = partial
    } else {
      let aside = location.sibling("old")
      try FileSystem.rename(target, to: aside)
      do throws(FileSystem.Failure) {
        try FileSystem.rename(partial, to: target)
      } catch {
        try? FileSystem.rename(aside, to: target)
        throw error
      }
      previous = aside
    }
    try FileSystem.syncFolder(location.parent)
    if let previous { try FileSystem.removeTree(previous) }
  }
}
