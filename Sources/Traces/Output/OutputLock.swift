#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive claim on an output path: a `flock` on a lock file beside it, held until this
/// value is destroyed or the process ends, however it ends (the kernel drops the lock with the
/// process, so a killed run never leaves a folder locked).
///
/// The lock file is removed on release. Removing a lock file races with a process that opened it
/// just before, so taking the lock checks that the file locked is still the one at the path, and
/// retries otherwise. After a `kill -9` the (unlocked, empty) file stays until the next claim of
/// the same path removes it.
struct OutputLock: ~Copyable {
  /// The lock file.
  let file: String
  private let descriptor: Int32

  /// Takes the lock in `file`, for the output at `target` (named in errors).
  /// - Throws: `OutputError.locked` at once when another process holds it; `.failed` when the
  ///   lock file cannot be created.
  init(file: String, guarding target: String) throws(OutputError) {
    self.file = file
    while true {
      let candidate = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
      guard candidate >= 0 else {
        throw FileSystem.Failure(operation: "open", path: file, code: errno).outputError
      }
      if flock(candidate, LOCK_EX | LOCK_NB) != 0 {
        let code = errno
        close(candidate)
        if code == EINTR { continue }
        if code == EWOULDBLOCK { throw .locked(path: target) }
        throw FileSystem.Failure(operation: "flock", path: file, code: code).outputError
      }
      var held = stat()
      var named = stat()
      if fstat(candidate, &held) == 0, stat(file, &named) == 0, held.st_ino == named.st_ino,
        held.st_dev == named.st_dev
      {
        descriptor = candidate
        return
      }
      // The previous holder removed the file between our open and flock: lock the new one.
      close(candidate)
    }
  }

  deinit {
    // Unlink while still holding the lock, so no other process can lock this inode and believe
    // it owns the path.
    unlink(file)
    close(descriptor)
  }
}
