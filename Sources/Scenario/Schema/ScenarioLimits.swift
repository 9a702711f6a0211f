import SimCore

/// The sizes a scenario may ask for. Each limit keeps one run within a few GiB of memory (the
/// README's "Limits" table derives them) or keeps simulated time inside `Int64` nanoseconds; an
/// input beyond one is refused up front with the limit named, never started and left to hang.
enum ScenarioLimits {
  /// The longest link latency: an hour is beyond any terrestrial or satellite link, and keeps a
  /// route of 100,000 hops inside the simulation horizon.
  static let linkLatency = SimDuration.seconds(3_600)
  /// Nodes of an explicit or imported topology, attachments included (the generators' own limits
  /// stay below it: an edge tree at its maxima has 111,002 nodes with its storage node):
  /// adjacency, a routing tree per sending node and per-node trace state take about 1 KiB per
  /// node.
  static let nodes = 200_000
  /// Links of an explicit or generated topology (two channels each, with byte counters).
  static let links = 1_000_000
  /// Parameters of a real model: each copy takes 4 bytes per parameter, and a round holds one
  /// per sampled client plus the global model, its gradient and momentum.
  static let modelParameters = 50_000_000
  /// Floats of a synthetic data set (samples × features), 400 MB.
  static let syntheticFloats = 100_000_000
  /// Bytes of model copies a real-training round may hold at once: sampled clients × 4 bytes per
  /// parameter (a quarter of this machine class's 24 GiB).
  static let roundModelBytes: Int64 = 6 << 30
  /// Messages of a transfers workload, and the size of each (1 TiB): their byte sums stay far
  /// inside `Int64` (2⁶⁰ at most), and a message record takes about 100 bytes.
  static let transfers = 1_000_000
  static let transferBytes: Int64 = 1 << 40
  /// The longest interval of a batched bandwidth re-solve.
  static let rateUpdateInterval = SimDuration.seconds(86_400)
  /// Entries of the `faults` list (a fault record takes about 100 bytes).
  static let faults = 1_000_000
  /// Node and link IDs the faults' target lists hold together: every partition's groups (which
  /// cover every node) and every loss fault's links, after `"rest"` and `"all"` are resolved.
  /// A few bytes of scenario can name a whole topology; this keeps them to 80 MB of IDs.
  static let faultMembers = 10_000_000
}
