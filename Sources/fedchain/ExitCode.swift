/// The process exit codes of `fedchain` (BSD sysexits values).
enum ExitCode: Int32, Equatable {
  case success = 0
  /// The command line is wrong (EX_USAGE).
  case usage = 64
  /// An input file is wrong (EX_DATAERR).
  case badInput = 65
  /// Something failed that is not the user's input (EX_SOFTWARE), e.g. an output folder that
  /// cannot be written.
  case internalError = 70
}

/// A failure that ends the command with one line on stderr and an exit code.
struct CommandFailure: Error {
  var code: ExitCode
  var message: String

  static func usage(_ message: String) -> CommandFailure {
    CommandFailure(code: .usage, message: message + " (see `fedchain --help`)")
  }
}
