import Foundation
import Schemes

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A folder that keeps `TrainingMemo` entries across processes (`--training-cache DIR`): the
/// parallel jobs of a sweep, or later runs, take trainings from it instead of repeating them.
///
/// One file per entry, `DIR/<first two hex digits>/<key>.memo`, written to a temporary name and
/// renamed into place, so a reader sees a whole entry or none; two processes writing the same
/// entry write the same bytes. Every entry carries its key and a checksum, and one that does not
/// check out is ignored and recomputed, so a damaged cache can cost time but never change a
/// result. Nothing is ever evicted: remove the folder to reclaim its space.
public struct TrainingCacheFolder: TrainingMemoStore {
  /// The folder.
  public let path: String
  /// The largest entry read (a model of a billion parameters).
  static let limitBytes = 4 << 30

  /// Opens (creating if needed) the cache folder at `path`.
  /// - Throws: a one-line reason when it cannot be created or is not a folder.
  public init(path: String) throws(TrainingCacheError) {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
      guard isFolder.boolValue else {
        throw TrainingCacheError(
          message: "`\(path)` is not a folder; give a folder for the training cache")
      }
    } else {
      do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      } catch {
        throw TrainingCacheError(message: "cannot create the training cache `\(path)`: \(error)")
      }
    }
    self.path = path
  }

  private func file(_ key: TrainingMemo.Key) -> (folder: String, file: String) {
    let hex = key.hex
    let folder = path + "/" + String(hex.prefix(2))
    return (folder, folder + "/" + hex + ".memo")
  }

  public func load(_ key: TrainingMemo.Key) -> [UInt8]? {
    let file = file(key).file
    guard let handle = FileHandle(forReadingAtPath: file) else { return nil }
    defer { try? handle.close() }
    guard let data = try? handle.read(upToCount: Self.limitBytes + 1), data.count <= Self.limitBytes
    else { return nil }
    return [UInt8](data)
  }

  public func save(_ key: TrainingMemo.Key, _ bytes: [UInt8]) {
    let (folder, file) = file(key)
    // A cache that cannot be written only costs time later: failures are not errors.
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let temporary = folder + "/." + key.hex + ".partial-\(getpid())"
    guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else { return }
    if rename(temporary, file) != 0 { unlink(temporary) }
  }
}

/// Why a training cache folder cannot be used.
public struct TrainingCacheError: Error, Sendable, CustomStringConvertible {
  public let message: String
  public var description: String { message }
}
