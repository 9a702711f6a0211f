#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Trace files written row by row while a run goes, into the folder a `TraceDirectory` will swap
/// in when the run ends, so that a run's memory does not grow with its messages and tasks.
///
/// A file is created with its header on its first row and appended to through a buffer of about
/// a megabyte; `finish` flushes and syncs every file. Rows come from simulation callbacks, which
/// cannot throw: the first write failure is kept (`failure`) and later rows are dropped, and the
/// run checks `failure` when it ends, so a failed write is reported, never silently lost.
///
/// `@unchecked Sendable`: it travels in a run's options, but only the run's own thread writes it.
public final class TraceStreams: @unchecked Sendable {
  private struct OpenFile {
    var descriptor: Int32
    var buffer: [UInt8]
  }

  /// The folder the files are written in.
  public let folder: String
  private var files: [String: OpenFile] = [:]
  /// The files opened, in the order they were.
  public private(set) var names: [String] = []
  /// The first write that failed, if any.
  public private(set) var failure: OutputError?
  private static let bufferBytes = 1 << 20

  init(folder: String) {
    self.folder = folder
  }

  deinit {
    for file in files.values { close(file.descriptor) }
  }

  /// Appends one CSV row of `fields` to `name`, creating it with the row `header` first.
  public func append(_ fields: [String], to name: String, header: [String]) {
    create(name, header: header)
    guard failure == nil else { return }
    files[name]!.buffer.append(contentsOf: CSVTable.line(fields).utf8)
    if files[name]!.buffer.count >= Self.bufferBytes { flush(name) }
  }

  /// Creates `name` with its `header` row, unless it exists (a run without rows still writes
  /// its header, as a rendered table does).
  public func create(_ name: String, header: [String]) {
    guard failure == nil, files[name] == nil else { return }
    let path = folder + "/" + name
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else {
      failure = FileSystem.Failure(operation: "open", path: path, code: errno).outputError
      return
    }
    var buffer: [UInt8] = []
    buffer.reserveCapacity(Self.bufferBytes + 4096)
    buffer.append(contentsOf: CSVTable.line(header).utf8)
    files[name] = OpenFile(descriptor: descriptor, buffer: buffer)
    names.append(name)
  }

  /// Writes out every buffer and syncs every file.
  /// - Throws: the first failure of the run's writes or of this flush.
  public func finish() throws(OutputError) {
    for name in names {
      flush(name)
      if failure == nil, let file = files[name], fsync(file.descriptor) != 0 {
        failure =
          FileSystem.Failure(operation: "fsync", path: folder + "/" + name, code: errno)
          .outputError
      }
    }
    if let failure { throw failure }
  }

  private func flush(_ name: String) {
    guard failure == nil, var file = files[name], !file.buffer.isEmpty else { return }
    var written = 0
    while written < file.buffer.count {
      let count = file.buffer.withUnsafeBytes {
        write(file.descriptor, $0.baseAddress! + written, $0.count - written)
      }
      if count < 0 {
        if errno == EINTR { continue }
        failure =
          FileSystem.Failure(operation: "write", path: folder + "/" + name, code: errno)
          .outputError
        return
      }
      written += count
    }
    file.buffer.removeAll(keepingCapacity: true)
    files[name] = file
  }
}
