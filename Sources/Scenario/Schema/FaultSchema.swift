import Ledger
import Platform
import SimCore

/// `faults[]`: the faults of a scenario, one table per kind. An entry's kind is the one kind key it
/// holds (`crash`, `linkDown`, `partition`, `straggler`, `loss`, `byzantineValidator`, `random` or
/// `availability`), whose value names the target or the process; the other fields say when.
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

  // MARK: - Byzantine validators

  static let byzantineValidator = Field.string(
    "byzantineValidator", accepts: "a node id, one of the chain's validators", default: nil,
    help: "The validator that misbehaves as `conduct` says from `at` for `for`, then follows the "
      + "protocol again.")
  static let conduct = Field.choice(
    "conduct",
    from: ValidatorConduct.allCases.filter { $0 != .honest }.map(\.rawValue), default: nil,
    help: "How it misbehaves: two conflicting blocks in its turn, nothing produced (nor voted) in "
      + "its turn, blocks that fail validation, or blocks without transactions (each engine "
      + "documents its own effects).", defaultText: "required")

  // MARK: - Random processes

  /// The kinds of element a random process fails.
  static let processKinds = ["crash", "linkDown"]

  static let random = Field.choice(
    "random", from: processKinds, default: nil,
    help: "What fails at random: each node crashes, or each link goes down, on its own.",
    defaultText: "required")
  static let role = Field.choice(
    "role", from: NodeRole.allCases.map(\.rawValue), default: nil,
    help: "The elements by role: every node holding it (crash), or every link with an end "
      + "holding it (linkDown), in ID order; instead of `nodes` or `links`.",
    defaultText: "`nodes` or `links`")
  static let processNodes = Field.structure(
    "nodes", accepts: "a non-empty array of distinct node ids", defaultText: "`role`",
    help: "The nodes that crash (a crash process), instead of `role`.")
  static let processLinks = Field.structure(
    "links", accepts: "a non-empty array of distinct link ids, or \"\(allLinks)\"",
    defaultText: "`role`", help: "The links that go down (a linkDown process), instead of `role`.")
  /// A random process's means, and a trace's period, are at least a millisecond: below that an
  /// element would change state millions of times per simulated second and a run of seconds
  /// would never end (the chain's timings have the same floor).
  static let shortestChange = SimDuration.milliseconds(1)
  static let mtbf = Field.duration(
    "mtbf", in: shortestChange...SimulationHorizon.perActivity, default: nil,
    help: "The mean time an element stays up before it fails; each stay is exponential.",
    defaultText: "required")
  static let mttr = Field.duration(
    "mttr", in: shortestChange...SimulationHorizon.perActivity, default: nil,
    help: "The mean time a failed element stays down; each stay is exponential.",
    defaultText: "required")
  static let processFrom = Field.duration(
    "from", in: .nanoseconds(1)...SimulationHorizon.perActivity, allowsZero: true,
    default: .zero, help: "When the process starts, every element up, from the start of the run.")

  // MARK: - Availability traces

  /// The largest availability trace file read.
  static let maximumTraceBytes = 16 << 20
  /// The most trace text read across the faults list (each file counted once).
  static let maximumTraceBytesTotal = 64 << 20

  static let availability = Field.string(
    "availability",
    accepts: "the path of a SimGrid state file, relative to the scenario file's folder",
    default: nil,
    help: "Lines `TIME VALUE` (seconds; 1 up, 0 down) in time order, `#` comments, and at most "
      + "one `PERIODICITY P` (repeat every P seconds) or `LOOPAFTER D` (repeat D seconds after "
      + "the last line); at most 16 MiB.")
  static let node = Field.string(
    "node", accepts: "a node id", default: nil,
    help: "The node the trace crashes and recovers.", defaultText: "`link`")
  static let link = Field.string(
    "link", accepts: "a link id", default: nil,
    help: "The link the trace takes down and brings up.", defaultText: "`node`")

  // MARK: - Kinds

  /// A fault's kind, told by which of its keys an entry holds.
  enum Kind: CaseIterable {
    case crash, linkDown, partition, straggler, loss, byzantineValidator, random, availability

    /// The key whose presence makes an entry this kind.
    var key: String {
      switch self {
      case .crash: FaultSchema.crash.name
      case .linkDown: FaultSchema.linkDown.name
      case .partition: FaultSchema.partition.name
      case .straggler: FaultSchema.straggler.name
      case .loss: FaultSchema.loss.name
      case .byzantineValidator: FaultSchema.byzantineValidator.name
      case .random: FaultSchema.random.name
      case .availability: FaultSchema.availability.name
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
      case .byzantineValidator: FaultSchema.byzantineSchema
      case .random: FaultSchema.randomSchema
      case .availability: FaultSchema.availabilitySchema
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

  static let byzantineSchema = ObjectSchema(
    path: "faults[] (byzantineValidator)",
    summary: "A chain validator misbehaves from `at` for `for`. The scenario needs a chain; two "
      + "windows of one validator must not overlap.",
    rows: [byzantineValidator.row, conduct.row, at.row, duration.row])

  static let randomSchema = ObjectSchema(
    path: "faults[] (random)",
    summary: "Each node of `role` or `nodes` crashes (or each link of `role` or `links` goes "
      + "down) at random: up for an exponential time of mean `mtbf`, down for one of mean "
      + "`mttr`, and so on, from `from` until `until`; down a fraction mttr / (mtbf + mttr) of "
      + "the time in the long run.",
    rows: [
      random.row, role.row, processNodes.row, processLinks.row, mtbf.row, mttr.row,
      processFrom.row, until.row,
    ])

  static let availabilitySchema = ObjectSchema(
    path: "faults[] (availability)",
    summary: "A node or a link goes down and up as a SimGrid state file says; it starts up. Of "
      + "several lines at one instant the last one holds.",
    rows: [availability.row, node.row, link.row])

  static var all: [ObjectSchema] { Kind.allCases.map(\.schema) }
}
