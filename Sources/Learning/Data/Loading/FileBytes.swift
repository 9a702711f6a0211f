#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads whole files for the data set loaders, through the C library so that `Learning` needs no
/// Foundation.
package enum FileBytes {
  /// The contents of the file at `path`.
  /// - Throws: `unreadableFile` with the system's reason when it cannot be opened or read.
  /// - Complexity: O(file size).
  package static func read(_ path: String) throws(DatasetError) -> [UInt8] {
    guard let file = fopen(path, "rb") else {
      throw .unreadableFile(path: path, reason: systemReason())
    }
    defer { fclose(file) }
    var contents: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
      contents.append(contentsOf: chunk[0..<count])
      if count < chunk.count {
        if ferror(file) != 0 { throw .unreadableFile(path: path, reason: systemReason()) }
        return contents
      }
    }
  }

  /// Whether a file (or directory) exists at `path`.
  package static func exists(_ path: String) -> Bool {
    access(path, F_OK) == 0
  }

  /// The contents of the file at `path`, decompressed if it is gzip data (by its magic bytes,
  /// whatever its name).
  /// - Throws: `unreadableFile`, or `decompressionFailed` for damaged gzip data.
  package static func readDecompressing(_ path: String) throws(DatasetError) -> [UInt8] {
    let bytes = try read(path)
    guard Gzip.hasMagic(bytes) else { return bytes }
    do {
      return try Gzip.decompress(bytes)
    } catch {
      throw .decompressionFailed(path: path, error)
    }
  }

  private static func systemReason() -> String {
    guard let message = strerror(errno) else { return "error \(errno)" }
    return String(cString: message)
  }
}
