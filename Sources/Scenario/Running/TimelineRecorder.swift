import Platform
import SimCore

/// Keeps the tasks and messages of one scheme's run that its timeline will show, as they end.
///
/// It listens on the same hooks that stream `tasks.csv` and `transfers.csv` to disk
/// (`ComputeCluster.onRecord`, `FlowNetwork.onRecord`), after whatever listens there already, so
/// it sees every record whether or not the run keeps them in memory, and it keeps only those its
/// selection shows: a run whose timeline shows ten clients holds ten clients' records, not a
/// thousand.
final class TimelineRecorder {
  let selection: TimelineSelection
  /// The tasks of shown nodes that overlap the window, in the order they ended.
  private(set) var tasks: [ComputeCluster.TaskRecord] = []
  /// The messages the timeline shows a part of (the sender's slice or the receiver's arrival),
  /// in the order they ended.
  private(set) var transfers: [TransferRecord] = []

  init(selection: TimelineSelection) {
    self.selection = selection
  }

  /// Listens to `network`'s and `compute`'s ended messages and tasks, after their current
  /// listeners. The hooks hold the recorder (it holds neither), so it lives as long as they do.
  func listen(to network: FlowNetwork, compute: ComputeCluster) {
    let previousTransfer = network.onRecord
    network.onRecord = { [self] record in
      previousTransfer?(record)
      if shows(sending: record) || shows(arrival: record) { transfers.append(record) }
    }
    let previousTask = compute.onRecord
    compute.onRecord = { [self] record in
      previousTask?(record)
      if selection.includes(record.node)
        && selection.overlaps(from: record.started, to: record.finished)
      {
        tasks.append(record)
      }
    }
  }

  /// True when the sender's slice of `record` is shown.
  func shows(sending record: TransferRecord) -> Bool {
    selection.includes(record.source) && selection.overlaps(from: record.start, to: record.finish)
  }

  /// True when the arrival of `record` is shown (a lost message has none).
  func shows(arrival record: TransferRecord) -> Bool {
    !record.isLost && selection.includes(record.destination) && selection.contains(record.finish)
  }
}
