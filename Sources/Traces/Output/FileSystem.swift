#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The few POSIX file operations the output writers need, with `errno` turned into errors. Plain
/// `open`/`write`/`fsync`/`rename` rather than Foundation's `.atomic` writes, whose temporary
/// files (`.dat.nosync…`) outlive a killed process and whose errors do not say what failed.
/// `package` so that the scenario reader classifies what a path names the same way.
package enum FileSystem {
  /// A failed system call: which, on what, and `errno`.
  package struct Failure: Error {
    package var operation: String
    package var path: String
    package var code: Int32

    /// The system's text for `code` ("No such file or directory").
    package var reason: String { String(cString: strerror(code)) }
    var outputError: OutputError {
      .failed(path: path, operation: operation, reason: reason)
    }
  }

  /// What a path names.
  package enum Kind: Equatable, Sendable {
    case file, folder, symbolicLink, fifo, socket, characterDevice, blockDevice, other

    /// "a file", "a folder", … for messages.
    package var phrase: String {
      switch self {
      case .file: return "a file"
      case .folder: return "a folder"
      case .symbolicLink: return "a symbolic link"
      case .fifo: return "a named pipe (FIFO)"
      case .socket: return "a socket"
      case .characterDevice: return "a character device"
      case .blockDevice: return "a block device"
      case .other: return "a special file"
      }
    }

    init(mode: mode_t) {
      switch mode & S_IFMT {
      case S_IFREG: self = .file
      case S_IFDIR: self = .folder
      case S_IFLNK: self = .symbolicLink
      case S_IFIFO: self = .fifo
      case S_IFSOCK: self = .socket
      case S_IFCHR: self = .characterDevice
      case S_IFBLK: self = .blockDevice
      default: self = .other
      }
    }
  }

  /// What `path` itself names (a symbolic link is not followed), or nil when nothing is there.
  static func kind(at path: String) throws(Failure) -> Kind? {
    try status(of: path, followingLinks: false)?.kind
  }

  /// What `path` names and its size in bytes, or nil when nothing is there (ENOENT).
  package static func status(of path: String, followingLinks: Bool) throws(Failure)
    -> (kind: Kind, sizeBytes: Int64)?
  {
    var status = stat()
    let result = followingLinks ? stat(path, &status) : lstat(path, &status)
    guard result == 0 else {
      let code = errno
      if code == ENOENT { return nil }
      throw Failure(operation: followingLinks ? "stat" : "lstat", path: path, code: code)
    }
    return (Kind(mode: status.st_mode), Int64(status.st_size))
  }

  /// Up to `limitBytes + 1` bytes of the file at `path` (one more than the limit, so the caller
  /// sees that it is exceeded). Opens without blocking, so a FIFO that slipped past a type check
  /// cannot hang the process; refuses anything but a regular file once open.
  package static func readFile(_ path: String, limitBytes: Int) throws(Failure) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { throw Failure(operation: "open", path: path, code: errno) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw Failure(operation: "fstat", path: path, code: errno)
    }
    guard Kind(mode: status.st_mode) == .file else {
      throw Failure(operation: "open", path: path, code: EINVAL)
    }
    var bytes: [UInt8] = []
    let chunk = 1 << 16
    var buffer = [UInt8](repeating: 0, count: chunk)
    while bytes.count <= limitBytes {
      let wanted = min(chunk, limitBytes + 1 - bytes.count)
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, wanted) }
      if count < 0 {
        if errno == EINTR { continue }
        throw Failure(operation: "read", path: path, code: errno)
      }
      if count == 0 { break }
      bytes.append(contentsOf: buffer[..<count])
    }
    return bytes
  }

  /// Creates `path` and any missing parent folders.
  static func makeFolders(_ path: String) throws(Failure) {
    // `stat`, not `lstat`: a symbolic link to a folder is a folder on the way.
    switch try status(of: path, followingLinks: true)?.kind {
    case .folder?: return
    case nil: break
    case _?: throw Failure(operation: "mkdir", path: path, code: ENOTDIR)
    }
    let parent = parentFolder(of: path)
    if parent != path { try makeFolders(parent) }
    guard mkdir(path, 0o777) == 0 || (errno == EEXIST && (try? kind(at: path)) == .folder) else {
      throw Failure(operation: "mkdir", path: path, code: errno)
    }
  }

  /// The folder holding `path` ("." for a bare name).
  static func parentFolder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// Writes `contents` to a new file at `path` (which must not exist) and flushes it to disk.
  static func writeNewFile(_ path: String, contents: String) throws(Failure) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else { throw Failure(operation: "open", path: path, code: errno) }
    defer { close(descriptor) }
    var bytes = Array(contents.utf8)
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeMutableBytes {
        write(descriptor, $0.baseAddress! + written, $0.count - written)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw Failure(operation: "write", path: path, code: errno)
      }
      written += count
    }
    bytes.removeAll()
    guard fsync(descriptor) == 0 else { throw Failure(operation: "fsync", path: path, code: errno) }
  }

  /// Flushes a folder's entries (new names, renames) to disk. File systems that cannot sync a
  /// folder (EINVAL) are left as they are.
  static func syncFolder(_ path: String) throws(Failure) {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { throw Failure(operation: "open", path: path, code: errno) }
    defer { close(descriptor) }
    guard fsync(descriptor) == 0 || errno == EINVAL else {
      throw Failure(operation: "fsync", path: path, code: errno)
    }
  }

  /// The names in a folder, without `.` and `..`, sorted.
  static func entries(of path: String) throws(Failure) -> [String] {
    guard let folder = opendir(path) else {
      throw Failure(operation: "opendir", path: path, code: errno)
    }
    defer { closedir(folder) }
    var names: [String] = []
    while let entry = readdir(folder) {
      let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  /// Removes `path` and, for a folder, everything under it; symbolic links are removed, never
  /// followed. Nothing there is not an error.
  static func removeTree(_ path: String) throws(Failure) {
    guard let kind = try kind(at: path) else { return }
    if kind == .folder {
      for name in try entries(of: path) { try removeTree(path + "/" + name) }
      guard rmdir(path) == 0 || errno == ENOENT else {
        throw Failure(operation: "rmdir", path: path, code: errno)
      }
    } else {
      guard unlink(path) == 0 || errno == ENOENT else {
        throw Failure(operation: "unlink", path: path, code: errno)
      }
    }
  }

  /// Renames `source` to `destination`, replacing a file or an empty folder there.
  static func rename(_ source: String, to destination: String) throws(Failure) {
    #if canImport(Glibc)
      let result = Glibc.rename(source, destination)
    #else
      let result = Darwin.rename(source, destination)
    #endif
    guard result == 0 else { throw Failure(operation: "rename", path: source, code: errno) }
  }

  /// Swaps two existing paths in one atomic step (Linux `renameat2` with `RENAME_EXCHANGE`), so
  /// that at every instant each name refers to one complete folder. Returns false when the
  /// system or the file system cannot (no `renameat2`, or EINVAL/ENOSYS), for the caller to fall
  /// back to two renames.
  static func exchange(_ a: String, _ b: String) throws(Failure) -> Bool {
    #if os(Linux)
      // `renameat2` is declared only under _GNU_SOURCE, which the Glibc module does not set: look
      // it up by name. RENAME_EXCHANGE is 2 in <linux/fs.h>, a fixed kernel ABI value.
      typealias RenameAt2 =
        @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else {
        return false
      }
      let renameAt2 = unsafeBitCast(symbol, to: RenameAt2.self)
      let exchangeFlag: UInt32 = 2
      guard renameAt2(AT_FDCWD, a, AT_FDCWD, b, exchangeFlag) == 0 else {
        let code = errno
        if code == EINVAL || code == ENOSYS || code == ENOTSUP { return false }
        throw Failure(operation: "renameat2", path: a, code: code)
      }
      return true
    #else
      return false
    #endif
  }
}
