import Testing

@testable import fedchain

/// The `CommandFailure` that dispatching `words` throws, or nil when the command succeeds; any
/// other error is recorded as a test issue.
func dispatchFailure(_ words: [String]) -> CommandFailure? {
  do {
    try Commands.dispatch(words)
    return nil
  } catch let failure as CommandFailure {
    return failure
  } catch {
    Issue.record("unexpected error \(error)")
    return nil
  }
}
