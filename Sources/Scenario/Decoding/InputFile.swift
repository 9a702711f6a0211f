import Traces

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads the text of an input file (a scenario, a GraphML topology) with errors that say what is
/// wrong in the user's terms: a folder, a pipe or a device is named as such, a missing file is
/// "no such file", an oversized file names its size and the limit, and text that is not UTF-8
/// names the byte where it stops being so.
///
/// What the path names is checked with `stat` before anything is opened, and the file is opened
/// with `O_NONBLOCK`, so a FIFO or a terminal never makes the tool wait; a device such as
/// `/dev/zero` is never read.
enum InputFile {
  /// The largest scenario file read.
  static let scenarioLimitBytes = 64 << 20

  /// `path` as the scenario means it: relative paths are relative to the scenario file's folder
  /// `baseDirectory` (the current folder when nil).
  static func resolved(_ path: String, against baseDirectory: String?) -> String {
    guard let baseDirectory, !path.hasPrefix("/") else { return path }
    if baseDirectory == "." { return path }
    return baseDirectory + "/" + path
  }

  /// The text of the regular file at `path`, at most `limitBytes` long.
  /// - Parameter what: what the file should be, for messages ("scenario file").
  /// - Throws: `ScenarioError.unreadable(file: path, reason:)`, the reason one sentence.
  static func readText(_ path: String, limitBytes: Int, what: String) throws(ScenarioError)
    -> String
  {
    let status: (kind: FileSystem.Kind, sizeBytes: Int64)?
    do throws(FileSystem.Failure) {
      status = try FileSystem.status(of: path, followingLinks: true)
    } catch {
      throw .unreadable(file: path, reason: reason(for: error))
    }
    guard let status else { throw .unreadable(file: path, reason: "no such file") }
    guard status.kind == .file else {
      let advice = status.kind == .folder ? "" : "; give a regular file"
      throw .unreadable(file: path, reason: "it is \(status.kind.phrase), not a \(what)\(advice)")
    }
    if status.sizeBytes > limitBytes {
      throw .unreadable(file: path, reason: tooLarge(status.sizeBytes, limitBytes, what: what))
    }
    let bytes: [UInt8]
    do throws(FileSystem.Failure) {
      bytes = try FileSystem.readFile(path, limitBytes: limitBytes)
    } catch {
      throw .unreadable(file: path, reason: reason(for: error))
    }
    if bytes.count > limitBytes {
      throw .unreadable(file: path, reason: tooLarge(nil, limitBytes, what: what))
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      let offset = firstInvalidUTF8Offset(bytes) ?? bytes.count
      let line = bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
      throw .unreadable(
        file: path,
        reason:
          "it is not UTF-8 text: byte \(offset) (line \(line)) starts an invalid sequence; "
          + "save the \(what) as UTF-8")
    }
    return text
  }

  /// One sentence for a failed system call on an input path.
  static func reason(for failure: FileSystem.Failure) -> String {
    switch failure.code {
    case ENOENT: return "no such file"
    case EACCES where failure.operation == "open":
      return "permission denied: this user may not read it"
    case EACCES, EPERM: return "permission denied: a folder on its path cannot be searched"
    case ENOTDIR: return "a part of its path is a file, not a folder"
    case ELOOP: return "too many symbolic links on its path (a loop?)"
    case ENAMETOOLONG: return "the path is too long"
    case EINVAL where failure.operation == "open":
      return "it stopped being a regular file while it was opened"
    case EISDIR: return "it is a folder"
    default: return "\(failure.operation) failed: \(failure.reason)"
    }
  }

  /// "it is 80 MiB (83886080 bytes); a scenario file may be at most 64 MiB".
  static func tooLarge(_ sizeBytes: Int64?, _ limitBytes: Int, what: String) -> String {
    let size =
      sizeBytes.map { "\(mebibytes($0)) (\($0) bytes)" } ?? "more than \(mebibytes(limitBytes))"
    return "it is \(size); a \(what) may be at most \(mebibytes(limitBytes))"
  }

  /// Bytes in MiB, whole or to one decimal: "64 MiB", "80.5 MiB".
  static func mebibytes(_ bytes: some BinaryInteger) -> String {
    let tenths = (Int64(bytes) * 10 + (1 << 19)) >> 20
    return tenths % 10 == 0 ? "\(tenths / 10) MiB" : "\(tenths / 10).\(tenths % 10) MiB"
  }

  /// The offset of the first byte that does not begin or continue a well-formed UTF-8 sequence,
  /// nil if every byte does (Unicode 15, table 3-7: no overlong forms, no surrogates, nothing
  /// above U+10FFFF).
  /// - Complexity: O(n).
  static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
    var index = 0
    while index < bytes.count {
      let lead = bytes[index]
      // The number of continuation bytes and the range allowed for the first of them.
      let (count, first): (Int, ClosedRange<UInt8>)
      switch lead {
      case 0x00...0x7F:
        index += 1
        continue
      case 0xC2...0xDF: (count, first) = (1, 0x80...0xBF)
      case 0xE0: (count, first) = (2, 0xA0...0xBF)
      case 0xE1...0xEC, 0xEE...0xEF: (count, first) = (2, 0x80...0xBF)
      case 0xED: (count, first) = (2, 0x80...0x9F)
      case 0xF0: (count, first) = (3, 0x90...0xBF)
      case 0xF1...0xF3: (count, first) = (3, 0x80...0xBF)
      case 0xF4: (count, first) = (3, 0x80...0x8F)
      default: return index
      }
      guard index + count < bytes.count, first.contains(bytes[index + 1]) else { return index }
      for k in stride(from: 2, through: count, by: 1)
      where !(0x80...0xBF).contains(bytes[index + k]) {
        return index
      }
      index += count + 1
    }
    return nil
  }
}
