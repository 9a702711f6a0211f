import Foundation
import Scenario
import Schemes
import SimCore
import Traces

/// Runs a sweep's runs, one at a time in this process or several at a time in child processes
/// (`fedchain sweep … --job`), showing progress, and tells what failed.
///
/// A failed run does not stop the others: their results are kept, and `--resume` retries only
/// what is missing.
enum SweepExecutor {
  /// What became of the runs.
  struct Outcome {
    var done = 0
    var stoppedEarly: [String] = []
    /// A failed run's label and exit code.
    var failed: [(label: String, code: Int32)] = []

    /// Ends the command when a run failed, with the worst code: bad input before internal.
    func throwIfFailed() throws {
      guard let first = failed.first else { return }
      let code: ExitCode =
        failed.contains { $0.code == ExitCode.badInput.rawValue } ? .badInput : .internalError
      throw CommandFailure(
        code: code,
        message: "\(failed.count) run(s) failed (first: \(first.label), exit \(first.code); its "
          + "error is above); the \(done) finished run(s) are kept, and --resume runs the rest")
    }

    func throwIfStoppedEarly() throws {
      guard let first = stoppedEarly.first else { return }
      throw CommandFailure(
        code: .stoppedEarly,
        message: "\(stoppedEarly.count) run(s) stopped before their last round (first: \(first); "
          + "the warnings above name the causes); exit code 3")
    }
  }

  static func label(_ run: SweepRun) -> String {
    "point \(run.point) seed \(run.seed) run \(run.run)"
  }

  /// Runs `runs` one after another in this process.
  static func serial(
    _ runs: [SweepRun], of sweep: SweepSpec, in folder: borrowing SweepFolder, memo: TrainingMemo?
  ) throws -> Outcome {
    var outcome = Outcome()
    let progress = SweepProgress(total: runs.count)
    for run in runs {
      do {
        if try SweepCommand.execute(run, of: sweep, in: folder.path, memo: memo) {
          outcome.stoppedEarly.append(label(run))
        }
        outcome.done += 1
      } catch let failure as CommandFailure {
        progress.finish()
        FileHandle.standardError.write(Data("fedchain: \(label(run)): \(failure.message)\n".utf8))
        outcome.failed.append((label(run), failure.code.rawValue))
      }
      progress.completed(outcome.done + outcome.failed.count)
    }
    progress.finish()
    return outcome
  }

  /// Runs `runs` in up to `jobs` child processes at once.
  static func parallel(
    _ runs: [SweepRun], of sweep: SweepSpec, in folder: borrowing SweepFolder, sweepFile: String,
    jobs: Int, passedOn: [String]
  ) throws -> Outcome {
    guard let executable = Bundle.main.executableURL else {
      throw CommandFailure(
        code: .internalError, message: "cannot find fedchain's own executable to start jobs")
    }
    var outcome = Outcome()
    let progress = SweepProgress(total: runs.count)
    let finished = DispatchSemaphore(value: 0)
    var running: [(process: Process, run: SweepRun)] = []
    var next = 0
    while next < runs.count || !running.isEmpty {
      while next < runs.count && running.count < jobs {
        let run = runs[next]
        next += 1
        let process = Process()
        process.executableURL = executable
        process.arguments =
          [
            "sweep", sweepFile, "--out", folder.path, "--quiet",
            "--job", "\(sweep.id):\(run.point):\(run.seed):\(run.run)",
          ] + passedOn
        process.standardOutput = FileHandle.nullDevice
        process.terminationHandler = { _ in finished.signal() }
        do {
          try process.run()
        } catch {
          throw CommandFailure(
            code: .internalError, message: "cannot start a sweep job: \(error)")
        }
        running.append((process, run))
      }
      finished.wait()
      running.removeAll { job in
        guard !job.process.isRunning else { return false }
        // A job that exits 0 or 3 has written its run folder; one that says so without it is
        // not trusted.
        let status = job.process.terminationStatus
        let claimsWritten =
          status == ExitCode.success.rawValue || status == ExitCode.stoppedEarly.rawValue
        if claimsWritten
          && !((try? SweepCommand.isComplete(job.run, of: sweep, in: folder)) ?? false)
        {
          outcome.failed.append((label(job.run), ExitCode.internalError.rawValue))
        } else if status == ExitCode.stoppedEarly.rawValue {
          outcome.done += 1
          outcome.stoppedEarly.append(label(job.run))
        } else if status == ExitCode.success.rawValue {
          outcome.done += 1
        } else {
          outcome.failed.append((label(job.run), status))
        }
        return true
      }
      progress.completed(outcome.done + outcome.failed.count)
    }
    progress.finish()
    return outcome
  }
}

/// `sweep: 12/40 runs, 28 left, about 3m 20s to go` on a terminal's stderr.
final class SweepProgress {
  private let line = ProgressLine()
  private let total: Int
  private let clock = ContinuousClock()
  private let started: ContinuousClock.Instant

  init(total: Int) {
    self.total = total
    started = clock.now
  }

  func completed(_ count: Int) {
    guard count > 0 else { return }
    let elapsed = clock.now - started
    let left = total - count
    let eta = elapsed * Double(left) / Double(count)
    let seconds = Int(eta.components.seconds)
    let text =
      seconds >= 60 ? "\(seconds / 60)m \(seconds % 60)s" : "\(seconds)s"
    line.update("sweep: \(count)/\(total) runs done, \(left) left, about \(text) to go")
  }

  func finish() { line.finish() }
}
