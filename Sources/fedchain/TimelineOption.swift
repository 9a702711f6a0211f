import Foundation
import Platform
import Scenario
import Traces

/// `--timeline FILE.json`, with `--timeline-nodes LIST` and `--timeline-window FROM,UNTIL`, of
/// `run` and `compare`: where to write the run's timeline and what it shows
/// (`TimelineSelection` describes the syntax).
///
/// The file is written after the run's output folder, replaced in one atomic step as a
/// `topology import --out` file is (`OutputFile`): a killed run leaves the previous file or none,
/// never half of one. It may not lie in the output folder, which each run replaces as a whole
/// and which holds only the files its manifest lists.
struct TimelineOption {
  /// The options this reads.
  static let names = ["timeline", "timeline-nodes", "timeline-window"]

  /// The file to write.
  var path: String
  var selection: TimelineSelection

  /// Reads the options against `topology`, or returns nil without `--timeline`;
  /// `outputFolder` is the run's trace folder.
  /// - Throws: a usage failure for an empty or misplaced path, a selection without
  ///   `--timeline`, an unknown node or role, or a malformed window.
  static func parse(_ arguments: Arguments, topology: Topology, outputFolder: String)
    throws(CommandFailure) -> TimelineOption?
  {
    let nodes = arguments.options["timeline-nodes"]
    let window = arguments.options["timeline-window"]
    guard let path = arguments.options["timeline"] else {
      if nodes != nil || window != nil {
        let option = nodes != nil ? "--timeline-nodes" : "--timeline-window"
        throw .usage("\(option) chooses what a timeline shows; add --timeline FILE.json")
      }
      return nil
    }
    guard !path.isEmpty, !path.hasSuffix("/") else {
      throw .usage("--timeline needs a file name, e.g. --timeline timeline.json")
    }
    if isInside(path, folder: outputFolder) {
      throw .usage(
        "--timeline \(path) lies in the output folder \(outputFolder), which each run replaces "
          + "as a whole; write it beside the folder, e.g. --timeline "
          + "\(outputFolder.hasSuffix("/") ? String(outputFolder.dropLast()) : outputFolder)"
          + ".timeline.json")
    }
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
      throw CommandFailure.output(.notAFile(path: path, kind: "a folder"))
    }
    do throws(TimelineSelectionError) {
      let selection = try TimelineSelection(nodes: nodes, window: window, topology: topology)
      return TimelineOption(path: path, selection: selection)
    } catch {
      throw .usage(error.message)
    }
  }

  /// Replaces the file with `text`.
  /// - Throws: `CommandFailure.output` (64 for a refused path, 70 for a failed write).
  func write(_ text: String) throws(CommandFailure) {
    do throws(OutputError) {
      try OutputFile.replace(path, with: text)
    } catch {
      throw .output(error)
    }
  }

  /// True when `path` names something in `folder` or below it, as far as the two paths tell
  /// (made absolute and with `.` and `..` resolved; links are not followed).
  static func isInside(_ path: String, folder: String) -> Bool {
    let file = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
    let parent = URL(fileURLWithPath: folder).standardizedFileURL.pathComponents
    return file.count > parent.count && Array(file.prefix(parent.count)) == parent
  }
}
