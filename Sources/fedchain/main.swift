import Foundation
import Scenario
import SimCore
import Traces

/// Entry point: dispatches to a command and turns failures into one stderr line and an exit code.
let words = Array(CommandLine.arguments.dropFirst())
do {
  try Commands.dispatch(words)
  exit(ExitCode.success.rawValue)
} catch let failure as CommandFailure {
  FileHandle.standardError.write(Data(("fedchain: " + failure.message + "\n").utf8))
  exit(failure.code.rawValue)
} catch {
  let message = EchoedText.escaped("\(error)")
  FileHandle.standardError.write(Data("fedchain: internal error: \(message)\n".utf8))
  exit(ExitCode.internalError.rawValue)
}
