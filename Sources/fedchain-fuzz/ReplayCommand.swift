#if !FUZZING
  import Foundation
  import Scenario

  /// The plain build of this target: replays inputs through `DecodingOracle`, as the fuzz target
  /// would, without libFuzzer. `fuzz/run.sh` builds the libFuzzer target from the same sources.
  ///
  /// - `fedchain-fuzz replay PATH…` decodes every file under the given files and folders in this
  ///   process and exits with 1 after listing the findings (0 when there are none). A decoder
  ///   trap kills the process with the file being decoded printed last.
  /// - `fedchain-fuzz triage PATH…` replays each file in a child process, so that a trap is
  ///   reported as one more finding, and prints one line per file that is not fine.
  @main
  struct ReplayCommand {
    static func main() {
      let arguments = Array(CommandLine.arguments.dropFirst())
      guard let command = arguments.first, ["replay", "triage"].contains(command),
        arguments.count > 1
      else {
        fail(64, "usage: fedchain-fuzz replay|triage FILE_OR_FOLDER…")
      }
      let files = arguments.dropFirst().flatMap(files(under:))
      let findings = command == "replay" ? replay(files) : triage(files)
      print("\(files.count) inputs, \(findings) findings")
      exit(findings == 0 ? 0 : 1)
    }

    /// Decodes `files` in this process; returns the number of findings.
    static func replay(_ files: [String]) -> Int {
      var findings = 0
      for file in files {
        guard let data = FileManager.default.contents(atPath: file) else {
          fail(66, "fedchain-fuzz: cannot read \(file)")
        }
        // Printed before decoding, so that a trap's output ends with the culprit.
        print("decoding \(file)")
        if let violation = DecodingOracle.violation(in: Array(data), baseDirectory: nil) {
          print("FINDING \(file): \(violation)")
          findings += 1
        }
      }
      return findings
    }

    /// Replays each of `files` in a child process; returns the number of findings.
    static func triage(_ files: [String]) -> Int {
      var findings = 0
      for file in files {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["replay", file]
        let output = Pipe()
        child.standardOutput = output
        child.standardError = FileHandle.nullDevice
        do {
          try child.run()
        } catch {
          fail(70, "fedchain-fuzz: cannot start a replay: \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let text = String(decoding: data, as: UTF8.self)
        child.waitUntilExit()
        if child.terminationReason == .uncaughtSignal {
          print("TRAP \(file): signal \(child.terminationStatus)")
          findings += 1
        } else if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("FINDING") }) {
          print(line)
          findings += 1
        }
      }
      return findings
    }

    /// `path` itself when it is a file, else the regular files beneath it, sorted.
    static func files(under path: String) -> [String] {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        isDirectory.boolValue
      else { return [path] }
      let names = FileManager.default.subpaths(atPath: path) ?? []
      return names.sorted().map { path + "/" + $0 }.filter { file in
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: file, isDirectory: &isFolder)
          && !isFolder.boolValue
      }
    }

    static func fail(_ code: Int32, _ message: String) -> Never {
      FileHandle.standardError.write(Data((message + "\n").utf8))
      exit(code)
    }
  }
#endif
