import SimCore

/// `faults[]`: the scheduled faults of a scenario, one table per kind. An entry's kind is the one
/// kind key it holds (`crash`, `linkDown`, `partition`, `straggler` or `loss`), whose value names
/// the target; the other fields say when.
///
/// Instants are measured from the start of the run and bounded like a transfer's `start`
/// (`SimulationHorizon.perActivity`), so that `at + for` stays far inside `Int64` nanoseconds.
enum FaultSchema {
  /// The word a partition group writes for every node no other group names.
  static let rest = "rest"
  /// The word a loss fault writes for every link of the topology.
  static let allLinks = "all"

  // MARK: - When

  static let at = Field.duration(
    "at", in: .nanoseconds(1)...SimulationHorizon.perActivity, allowsZero: true, default: nil,
    help: "When the fault starts, from the start of the run.", defaultText: "required")
  static let duration = Field.duration(
    "for", in: .nanoseconds(1)...SimulationHorizon.perActivity, default: nil,
    help: "How long it lasts.", defaultText: "to the end of the run")
  static let from = Field.duration(
    "from", in: .nanoseconds(1)...SimulationHorizon.perActivity, allowsZero: true, default: nil,
    help: "When the window opens, from the start of the run.", defaultText: "required")
  static let until = Field.duration(
    "until", in: .nanoseconds(1)...SimulationHorizon.perActivity, default: nil,
    help: "When the window closes; after `from`.", defaultText: "the end of the run")

  // MARK: - What

  static let crash = Field.string(
    "crash", accepts: "a node id", default: nil,
    help: "The node that crashes: its queued and running tasks and its messages are lost, and "
      + "it comes back empty.")
  static let linkDown = Field.string(
    "linkDown", accepts: "a link id", default: nil,
    help: "The link that goes down: flows crossing it are lost, routes avoid it.")
  static let partition = Field.structure(
    "partition",
    accepts:
      "two or more groups, each a non-empty array of node ids or [\"\(rest)\"] (at most once, "
      + "for every node no other group names); disjoint, and together every node",
    defaultText: "required",
    help: "The groups cut apart: every link between two groups goes down.")
  static let straggler = Field.string(
    "straggler", accepts: "a node id", default: nil, help: "The node that computes slower.")
  static let slowdown = Field.number(
    "slowdown", in: 1...1_000_000, default: nil,
    help: "How many times slower it computes; a task running when the window opens or closes is "
      + "re-timed for its remaining work.", defaultText: "required")
  static let loss = Field.number(
    "loss", in: 0...1, default: nil,
    help: "The probability that each message crossing one of `links` is lost, in place of the "
      + "link's own `loss`.", defaultText: "required")
  static let links = Field.structure(
    "links", accepts: "a non-empty array of distinct link ids, or \"\(allLinks)\"",
    defaultText: "required", help: "The lossy links.")

  // MARK: - Kinds

  /// A fault's kind, told by which of its keys an entry holds.
  enum Kind: CaseIterable {
    case crash, linkDown, partition, straggler, loss

    /// The key whose presence makes an entry this kind.
    var key: String {
      switch self {
      case .crash: FaultSchema.crash.name
      case .linkDown: FaultSchema.linkDown.name
      case .partition: FaultSchema.partition.name
      case .straggler: FaultSchema.straggler.name
      case .loss: FaultSchema.loss.name
      }
    }

    /// The table of an entry of this kind.
    var schema: ObjectSchema {
      switch self {
      case .crash: FaultSchema.crashSchema
      case .linkDown: FaultSchema.linkDownSchema
      case .partition: FaultSchema.partitionSchema
      case .straggler: FaultSchema.stragglerSchema
      case .loss: FaultSchema.lossSchema
      }
    }
  }

  /// The kind keys, as errors list them.
  static var kindKeys: String { Kind.allCases.map(\.key).joined(separator: ", ") }

  static let crashSchema = ObjectSchema(
    path: "faults[] (crash)",
    summary: "A node crashes at `at` and recovers `for` later. Two crashes of one node must not "
      + "overlap.",
    rows: [crash.row, at.row, duration.row])

  static let linkDownSchema = ObjectSchema(
    path: "faults[] (linkDown)",
    summary: "A link goes down at `at` and comes back `for` later. Two of one link must not "
      + "overlap.",
    rows: [linkDown.row, at.row, duration.row])

  static let partitionSchema = ObjectSchema(
    path: "faults[] (partition)",
    summary: "The network splits into groups at `at` and heals `for` later. `\"\(rest)\"` "
      + "becomes the nodes no other group names, in ID order.",
    rows: [partition.row, at.row, duration.row])

  static let stragglerSchema = ObjectSchema(
    path: "faults[] (straggler)",
    summary: "A node computes `slowdown` times slower from `from` until `until`. Two windows of "
      + "one node must not overlap.",
    rows: [straggler.row, from.row, until.row, slowdown.row])

  static let lossSchema = ObjectSchema(
    path: "faults[] (loss)",
    summary: "Links lose messages with probability `loss` from `from` until `until`.",
    rows: [loss.row, links.row, from.row, until.row])

  static var all: [ObjectSchema] { Kind.allCases.map(\.schema) }
}
