import Platform
import SimCore

/// Feeds one input to a decoder and judges the outcome: a decoded value, or a typed error whose
/// description is one bounded line naming the file, is fine; anything else is a finding.
///
/// A trap inside the decoder is a finding too, but the process dies before this type sees it;
/// libFuzzer (or the replayer's parent shell) records it.
///
/// The fuzzer (`fedchain-fuzz`) and the seeded mutation test of `swift test` judge with this one
/// oracle, so the promise they check cannot drift apart.
///
/// The decoder is chosen by the input itself, so one corpus and one binary cover both: text whose
/// first non-blank byte is `<` goes to `GraphMLImporter`, everything else to `ScenarioDecoder`.
package enum DecodingOracle {
  /// Which decoder an input exercises.
  package enum Target: String {
    case scenario
    case graphML = "graphml"

    /// `graphML` when the first byte that is not JSON white space is `<`, else `scenario`.
    package init(routing bytes: some Collection<UInt8>) {
      let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
      self = first == UInt8(ascii: "<") ? .graphML : .scenario
    }

    /// The file name errors must start with.
    package var fileName: String { self == .scenario ? "fuzz.json" : "fuzz.graphml" }
  }

  /// Longest accepted description, in characters. Errors echo user text cut to 120 characters
  /// and their own sentences to 400 (`EchoedText`), so no input, however long, may make a longer
  /// message.
  package static let maximumDescriptionLength = 1_000

  /// Why an outcome is a finding, or nil when it is fine.
  ///
  /// - Parameter baseDirectory: where a scenario's relative `graphml` path is looked up.
  package static func violation(in bytes: [UInt8], baseDirectory: String?) -> String? {
    let target = Target(routing: bytes)
    let text = String(decoding: bytes, as: UTF8.self)
    switch target {
    case .scenario:
      do {
        _ = try ScenarioDecoder.decode(text, file: target.fileName, baseDirectory: baseDirectory)
        return nil
      } catch {
        // `unreadable` names the file it could not read (a referenced GraphML file), escaped.
        if case .unreadable = error { return lineViolation(error.description, file: "") }
        return lineViolation(error.description, file: target.fileName)
      }
    case .graphML:
      do {
        _ = try GraphMLImporter.importTopology(from: text, fileName: target.fileName)
        return nil
      } catch {
        return lineViolation(error.description, file: target.fileName)
      }
    }
  }

  /// What is wrong with `description` as a one-line message about `file`, or nil.
  static func lineViolation(_ description: String, file: String) -> String? {
    if !description.hasPrefix("`\(file)") {
      return "the description does not start with `\(file)`: \(escaped(description))"
    }
    if description.unicodeScalars.count > maximumDescriptionLength {
      return
        "the description has \(description.unicodeScalars.count) characters (at most "
        + "\(maximumDescriptionLength)): \(escaped(description))"
    }
    if let bad = description.unicodeScalars.first(where: isForbidden) {
      return
        "the description holds U+\(String(bad.value, radix: 16, uppercase: true)): "
        + escaped(description)
    }
    return nil
  }

  /// Control characters (C0, DEL, C1) and line or paragraph separators break a one-line message.
  static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
      || scalar == "\u{85}"
  }

  /// `text` with forbidden scalars escaped and cut to a screenful, for a finding's report.
  static func escaped(_ text: String) -> String { EchoedText.echoed(text, limit: 2_000) }
}
