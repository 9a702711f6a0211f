#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An output path split into its folder and name, and the names of its lock file and temporary
/// siblings: `.<name>.lock`, `.<name>.partial-<pid>`, `.<name>.old-<pid>`, all in the same folder,
/// so that renames between them stay on one file system and are atomic.
struct OutputPath {
  /// The path as the caller gave it, for messages.
  var given: String
  /// The folder holding the output.
  var parent: String
  /// The output's own name in `parent`.
  var name: String

  /// Splits `given`; `.`, `..` and `/` are resolved to a real folder's name first.
  /// - Throws: `.emptyPath`, or `.failed` when a `.` or `..` path does not resolve.
  init(_ given: String) throws(OutputError) {
    guard !given.isEmpty else { throw .emptyPath }
    var path = given
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    var name = path.split(separator: "/").last.map(String.init) ?? ""
    if name == "." || name == ".." || name.isEmpty {
      guard let resolved = realpath(path, nil) else {
        throw FileSystem.Failure(operation: "realpath", path: given, code: errno).outputError
      }
      path = String(cString: resolved)
      free(resolved)
      name = path.split(separator: "/").last.map(String.init) ?? ""
    }
    self.given = given
    self.parent = FileSystem.parentFolder(of: path)
    self.name = name
  }

  /// True for the root folder, which has no name and no parent to hold siblings.
  var isRoot: Bool { name.isEmpty }

  /// The output's own path.
  var target: String { parent == "/" ? "/" + name : parent + "/" + name }

  /// The lock file.
  var lockFile: String { inParent("." + name + ".lock") }

  /// This process's temporary sibling for `role` (`partial`, `old`).
  func sibling(_ role: String) -> String {
    inParent("." + name + "." + role + "-" + String(getpid()))
  }

  /// `entry` of the parent folder as a path.
  func inParent(_ entry: String) -> String { parent == "/" ? "/" + entry : parent + "/" + entry }

  /// True when `entry` of the parent folder is a temporary sibling for `role`, of any process.
  func isLeftover(_ entry: String, role: String) -> Bool {
    let prefix = "." + name + "." + role + "-"
    guard entry.hasPrefix(prefix) else { return false }
    let pid = entry.dropFirst(prefix.count)
    return !pid.isEmpty && pid.allSatisfy { $0.isASCII && $0.isNumber }
  }

  /// Creates the parent folder if needed and takes the lock.
  func claim() throws(OutputError) -> OutputLock {
    do throws(FileSystem.Failure) {
      try FileSystem.makeFolders(parent)
    } catch {
      throw error.outputError
    }
    return try OutputLock(file: lockFile, guarding: given)
  }
}
