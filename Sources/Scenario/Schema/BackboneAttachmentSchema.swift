import Platform
import SimCore

/// The fields of `topology (graphml)` that attach edge servers, clients, a cloud server and
/// validators to the imported graph's points of presence (see `BackboneAttachment`). They are
/// plain members of the topology object, so a sweep sets them by path (`topology.clientsPerPoP`);
/// the link and node parameters take the edge tree's names (`accessBandwidth`, `clientCores`, …)
/// wherever they mean the same, so one sweep path fits both.
enum BackboneAttachmentSchema {
  private static let attachment = BackboneAttachment()

  static let edgeServers = Field.boolean(
    "edgeServers", default: attachment.hasEdgeServers,
    help: "Adds an edge server `edge-<pop>` (role `edge`) beside every PoP, linked "
      + "`<pop>-edge-<pop>` with the backhaul parameters.")
  static let clientsPerPoP = Field.integer(
    "clientsPerPoP", in: 0...BackboneAttachment.maximumClientCount,
    default: attachment.clientsPerPoP,
    help: "Clients `<pop>-c0`, `<pop>-c1`, … added under every PoP, linked to its edge server "
      + "(or to the PoP without edge servers) with the access parameters; at most "
      + "\(grouped(BackboneAttachment.maximumClientCount)) in all.")
  static let server = Field.string(
    "server", accepts: "a node id of the graph", default: nil,
    help: "The PoP that gets the cloud server `cloud` (role `server`), linked `<pop>-cloud` "
      + "with the cloud parameters.", defaultText: "none")
  static let validators = Field.structure(
    "validators", accepts: "\"edges\", or an array of distinct node ids of the graph",
    defaultText: "none",
    help: "\"edges\" makes every edge server a validator too; a list adds a validator "
      + "`validator-<pop>` beside each PoP listed, linked `<pop>-validator-<pop>` with the "
      + "attachment parameters. Validators talk over the graph: there is no mesh.")

  // MARK: - Links

  static let backhaulLatency = GeneratorSchema.latency(
    "backhaulLatency", attachment.backhaulLatency,
    "edge server–PoP links (an edge site in the PoP's metro area)")
  static let backhaulBandwidth = Field.rate(
    "backhaulBandwidth", default: attachment.backhaulBandwidth,
    help: "Edge server–PoP links, each way.")
  static let backhaulLoss = GeneratorSchema.loss(
    "backhaulLoss", attachment.backhaulLoss, "an edge server–PoP link")
  static let accessLatency = GeneratorSchema.latency(
    "accessLatency", attachment.accessLatency, "client links")
  static let accessBandwidth = Field.rate(
    "accessBandwidth", default: attachment.accessBandwidth, help: "Client links, downward.")
  static let accessUplinkBandwidth = Field.rate(
    "accessUplinkBandwidth", default: attachment.accessUplinkBandwidth,
    help: "Client links, upward.", defaultText: "`accessBandwidth`")
  static let accessLoss = GeneratorSchema.loss(
    "accessLoss", attachment.accessLoss, "a client link")
  static let cloudLatency = Field.duration(
    "cloudLatency", in: .nanoseconds(1)...ScenarioLimits.linkLatency, allowsZero: true,
    default: attachment.cloudLatency, help: "Latency of the cloud server's link to its PoP.",
    defaultText: "`backhaulLatency`")
  static let cloudBandwidth = Field.rate(
    "cloudBandwidth", default: attachment.cloudBandwidth,
    help: "The cloud server's link to its PoP, each way.", defaultText: "`backhaulBandwidth`")
  static let cloudLoss = Field.number(
    "cloudLoss", in: 0...0.999_999, default: attachment.cloudLoss,
    help: "Probability that a message crossing the cloud server's link is lost.",
    defaultText: "`backhaulLoss`")
  static let attachmentLatency = GeneratorSchema.latency(
    "attachmentLatency", attachment.attachmentLatency, "validator–PoP links")
  static let attachmentBandwidth = Field.rate(
    "attachmentBandwidth", default: attachment.attachmentBandwidth,
    help: "Validator–PoP links, each way.")
  static let attachmentLoss = GeneratorSchema.loss(
    "attachmentLoss", attachment.attachmentLoss, "a validator–PoP link")

  // MARK: - Nodes

  static let clientProfile = GeneratorSchema.profile(
    "clientProfile", attachment.clientProfile, "the clients")
  static let edgeProfile = GeneratorSchema.profile(
    "edgeProfile", attachment.edgeProfile, "the edge servers")
  static let cloudProfile = GeneratorSchema.profile(
    "cloudProfile", attachment.cloudProfile, "the cloud server")
  static let validatorProfile = GeneratorSchema.profile(
    "validatorProfile", attachment.validatorProfile, "the validators of a list")
  static let clientCores = GeneratorSchema.cores(
    "clientCores", attachment.clientCores, "each client")
  static let edgeCores = GeneratorSchema.cores(
    "edgeCores", attachment.edgeCores, "each edge server")
  static let cloudCores = GeneratorSchema.cores(
    "cloudCores", attachment.cloudCores, "the cloud server")
  static let validatorCores = GeneratorSchema.cores(
    "validatorCores", attachment.validatorCores, "each validator of a list")

  /// The rows, in the order the docs list them: what is attached, then its links, then its nodes.
  static let rows = [
    edgeServers.row, clientsPerPoP.row, server.row, validators.row, backhaulLatency.row,
    backhaulBandwidth.row, backhaulLoss.row, accessLatency.row, accessBandwidth.row,
    accessUplinkBandwidth.row, accessLoss.row, cloudLatency.row, cloudBandwidth.row,
    cloudLoss.row, attachmentLatency.row, attachmentBandwidth.row, attachmentLoss.row,
    clientProfile.row, edgeProfile.row, cloudProfile.row, validatorProfile.row, clientCores.row,
    edgeCores.row, cloudCores.row, validatorCores.row,
  ]
}
