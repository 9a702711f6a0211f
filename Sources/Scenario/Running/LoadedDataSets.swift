import Learning
import Synchronization

/// The data sets this process loaded last, so that the runs of a pair or of an in-process sweep
/// load MNIST (60,000 images, inflated and parsed) once, not once per run.
///
/// An entry is keyed by everything the training and test sets depend on: the data set spec, the
/// test fraction, the seed and run (the split's stream), and for files their names, sizes and
/// modification times. Only the last few are kept: a sweep over seeds moves on, and a data set
/// can be hundreds of megabytes.
enum LoadedDataSets {
  private static let capacity = 2
  private static let entries = Mutex<[(key: String, sets: (train: Dataset, test: Dataset))]>([])

  /// The sets under `key`, loading them with `load` when absent.
  static func sets(
    key: String, load: () throws(DatasetError) -> (train: Dataset, test: Dataset)
  ) throws(DatasetError) -> (train: Dataset, test: Dataset) {
    if let found = entries.withLock({ $0.first { $0.key == key }?.sets }) { return found }
    let sets = try load()
    entries.withLock { entries in
      entries.removeAll { $0.key == key }
      entries.append((key, sets))
      if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    }
    return sets
  }
}
