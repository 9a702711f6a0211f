/// The folder a report is made from: whether it holds a run or a sweep, and its files' text.
///
/// A run folder is what `fedchain run`, `compare` or a sweep's run writes: `manifest.json` and
/// the traces it lists. A sweep folder is what `fedchain sweep` writes: `sweep.json`, and once
/// merged, `sweep.csv` and `sweep-stats.csv` (see `SweepFolder`).
struct ReportFolder {
  enum Kind: Equatable, Sendable { case run, sweep }

  /// The folder as the caller named it.
  let path: String
  let kind: Kind

  /// The largest file read whole: beyond it a trace is refused (or, if optional, left out).
  static let limitBytes = 256 << 20

  /// Looks at the folder at `path`.
  /// - Throws: `.noFolder`, `.notAFolder`, `.notARunOrSweep`, `.unreadable`.
  init(path: String) throws(ReportError) {
    self.path = path
    let status: (kind: FileSystem.Kind, sizeBytes: Int64)?
    do throws(FileSystem.Failure) {
      // Followed: a link to a run folder is a run folder to read.
      status = try FileSystem.status(of: path.isEmpty ? "." : path, followingLinks: true)
    } catch {
      throw .unreadable(path: path, reason: error.reason)
    }
    guard let status else { throw .noFolder(path: path) }
    guard status.kind == .folder else {
      throw .notAFolder(path: path, kind: status.kind.phrase)
    }
    if try Self.isFile(Self.join(path, "sweep.json")) {
      kind = .sweep
    } else if try Self.isFile(Self.join(path, "manifest.json")) {
      kind = .run
    } else {
      throw .notARunOrSweep(path: path)
    }
  }

  /// The path of `name` inside the folder, for reading and for messages.
  func file(_ name: String) -> String { Self.join(path, name) }

  private static func join(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }

  /// True when `name` is a regular file (or a link to one) in the folder.
  func isFile(_ name: String) throws(ReportError) -> Bool { try Self.isFile(file(name)) }

  private static func isFile(_ path: String) throws(ReportError) -> Bool {
    do throws(FileSystem.Failure) {
      return try FileSystem.status(of: path, followingLinks: true)?.kind == .file
    } catch {
      throw .unreadable(path: path, reason: error.reason)
    }
  }

  /// The size of `name` in bytes, or nil when it is not there.
  func size(_ name: String) throws(ReportError) -> Int64? {
    do throws(FileSystem.Failure) {
      return try FileSystem.status(of: file(name), followingLinks: true)?.sizeBytes
    } catch {
      throw .unreadable(path: file(name), reason: error.reason)
    }
  }

  /// The text of `name`, which must be there.
  /// - Parameter hint: what the message says to do when it is missing.
  /// - Throws: `.missingFile`, `.unreadable` (a system error, not UTF-8, or over `limitBytes`).
  func read(_ name: String, hint: String) throws(ReportError) -> String {
    guard let text = try readIfPresent(name) else {
      throw .missingFile(path: file(name), hint: hint)
    }
    return text
  }

  /// The text of `name`, or nil when it is not there. An entry that is there but is no regular
  /// file (a folder, a named pipe) is refused by name, not taken for a missing trace.
  func readIfPresent(_ name: String) throws(ReportError) -> String? {
    let kind: FileSystem.Kind
    do throws(FileSystem.Failure) {
      guard let status = try FileSystem.status(of: file(name), followingLinks: true) else {
        return nil
      }
      kind = status.kind
    } catch {
      throw .unreadable(path: file(name), reason: error.reason)
    }
    guard kind == .file else {
      throw .unreadable(path: file(name), reason: "\(kind.phrase), not a regular file")
    }
    let bytes: [UInt8]
    do throws(FileSystem.Failure) {
      bytes = try FileSystem.readFile(file(name), limitBytes: Self.limitBytes)
    } catch {
      throw .unreadable(path: file(name), reason: error.reason)
    }
    guard bytes.count <= Self.limitBytes else {
      throw .unreadable(
        path: file(name),
        reason: "larger than \(Self.limitBytes >> 20) MiB, the most a report reads; write "
          + "lighter traces (--traces)")
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw .unreadable(path: file(name), reason: "not UTF-8 text")
    }
    return text
  }

  /// The JSON object in `name`, checked to be a fedchain file (`"tool": "fedchain"`).
  func fedchainJSON(_ name: String, hint: String) throws(ReportError) -> JSONValue {
    let text = try read(name, hint: hint)
    let json: JSONValue
    do throws(JSONParser.SyntaxError) {
      json = try JSONParser.parse(text)
    } catch {
      throw .badJSON(path: file(name), message: "not valid JSON: \(error.description)")
    }
    guard json["tool"]?.kind == .string("fedchain") else {
      throw .badJSON(
        path: file(name),
        message: "not a fedchain file: expected an object with \"tool\": \"fedchain\"")
    }
    return json
  }
}
