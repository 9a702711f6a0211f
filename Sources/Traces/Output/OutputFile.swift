/// One output file replaced in one atomic step, for outputs that are a single file
/// (`fedchain topology import --out`).
///
/// The same scheme as `TraceDirectory`, for a file: a lock on `.<name>.lock` beside it (a second
/// writer fails at once with `OutputError.locked`), the contents written and flushed into
/// `.<name>.partial-<pid>`, renamed over the file, the folder flushed. The file is therefore
/// always the old complete file or the new one; a killed writer's temporary file is removed by
/// the next write of the same file.
public enum OutputFile {
  /// Replaces the file at `path` with `contents` (creating it and its folders if needed).
  /// - Throws: `.emptyPath`; `.notAFile` when `path` names a folder, a link or a device;
  ///   `.locked`; `.failed` naming the step, the file then unchanged.
  public static func replace(_ path: String, with contents: String) throws(OutputError) {
    let location = try OutputPath(path)
    if location.isRoot || path.hasSuffix("/") {
      throw .notAFile(path: path, kind: FileSystem.Kind.folder.phrase)
    }
    let lock = try location.claim()
    try write(contents, to: location, holding: lock)
  }

  /// Writes with the lock held (borrowed, so it lives until the write is done).
  private static func write(
    _ contents: String, to location: OutputPath, holding lock: borrowing OutputLock
  ) throws(OutputError) {
    let path = location.given
    let existing: FileSystem.Kind?
    do throws(FileSystem.Failure) {
      existing = try FileSystem.kind(at: location.target)
      for entry in try FileSystem.entries(of: location.parent)
      where location.isLeftover(entry, role: "partial") {
        try FileSystem.removeTree(location.inParent(entry))
      }
    } catch {
      throw error.outputError
    }
    if let existing, existing != .file { throw .notAFile(path: path, kind: existing.phrase) }
    let partial = location.sibling("partial")
    do throws(FileSystem.Failure) {
      try FileSystem.writeNewFile(partial, contents: contents)
      try FileSystem.rename(partial, to: location.target)
      try FileSystem.syncFolder(location.parent)
    } catch {
      try? FileSystem.removeTree(partial)
      throw error.outputError
    }
  }
}
