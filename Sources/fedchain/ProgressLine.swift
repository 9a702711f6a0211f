import Foundation

/// A one-line progress display on stderr for runs longer than a second, shown only when stderr is
/// a terminal so that logs and pipes stay clean. Wall-clock time is read here, in the tool, never
/// inside a run.
final class ProgressLine {
  private let clock = ContinuousClock()
  private let started: ContinuousClock.Instant
  private var lastDrawn: ContinuousClock.Instant?
  private var drewSomething = false
  private let isEnabled: Bool

  init() {
    started = clock.now
    isEnabled = isatty(2) == 1
  }

  /// Shows `text` if the run has lasted a second and the last update is a quarter second old.
  func update(_ text: String) {
    guard isEnabled else { return }
    let now = clock.now
    guard now - started >= .seconds(1) else { return }
    if let lastDrawn, now - lastDrawn < .milliseconds(250) { return }
    lastDrawn = now
    drewSomething = true
    FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
  }

  /// Clears the line if anything was drawn.
  func finish() {
    if drewSomething { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }
}
