import SimCore
import Traces

/// The process exit codes of `fedchain` (BSD sysexits values).
enum ExitCode: Int32, Equatable {
  case success = 0
  /// The command line is wrong (EX_USAGE), including an output it names that the tool refuses:
  /// an empty path, a path that is a file, a folder fedchain did not write, or a folder another
  /// fedchain run is writing.
  case usage = 64
  /// An input file is wrong (EX_DATAERR).
  case badInput = 65
  /// The run ended before its last round because it could no longer progress (a chain that lost
  /// its quorum, a server that was down, updates that never came); its traces were written and a
  /// warning names the cause.
  case stoppedEarly = 3
  /// Something failed that is not the user's input (EX_SOFTWARE), e.g. an output folder that
  /// cannot be written.
  case internalError = 70
}

/// A failure that ends the command with one line on stderr and an exit code.
struct CommandFailure: Error {
  var code: ExitCode
  /// One line: control characters in it are escaped, whatever text it echoes.
  var message: String

  init(code: ExitCode, message: String) {
    self.code = code
    self.message = EchoedText.escaped(message)
  }

  static func usage(_ message: String) -> CommandFailure {
    CommandFailure(code: .usage, message: message + " (see `fedchain --help`)")
  }

  /// An output the tool refuses is a usage error (64), one it fails to write an internal one (70).
  static func output(_ error: OutputError) -> CommandFailure {
    CommandFailure(code: error.isRefusal ? .usage : .internalError, message: error.description)
  }
}
