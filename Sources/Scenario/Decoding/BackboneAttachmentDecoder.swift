import Platform
import SimCore
import Traces

/// Decodes the attachment fields of `topology (graphml)` (`edgeServers`, `clientsPerPoP`,
/// `server`, `validators` and their link and node parameters) into a `BackboneAttachment`,
/// resolving PoP names against the imported graph so that an unknown or repeated name is an error
/// at its exact path (`topology.validators[1]`).
enum BackboneAttachmentDecoder {
  typealias Schema = BackboneAttachmentSchema

  /// The attachment `reader`'s fields ask for; with none of them, one that adds nothing.
  static func decode(_ reader: ObjectReader, backbone: Topology) throws(ScenarioError)
    -> BackboneAttachment
  {
    var attachment = BackboneAttachment()
    attachment.hasEdgeServers = try reader.value(Schema.edgeServers)
    attachment.clientsPerPoP = try reader.value(Schema.clientsPerPoP)
    let pops = backbone.nodes.count
    if attachment.clientsPerPoP > BackboneAttachment.maximumClientCount / max(pops, 1) {
      throw reader.violation(
        Schema.clientsPerPoP, value: "\(attachment.clientsPerPoP) with \(grouped(pops)) PoPs",
        accepted: "at most \(grouped(BackboneAttachment.maximumClientCount)) clients in all: "
          + "at most \(BackboneAttachment.maximumClientCount / max(pops, 1)) per PoP here")
    }
    if let name = try reader.read(Schema.server) {
      guard let pop = backbone.node(named: name) else {
        throw .unknownReference(
          file: reader.file, line: reader.line(of: Schema.server),
          path: reader.path(of: Schema.server), name: name, kind: "node")
      }
      attachment.serverPoP = pop.id
    }
    attachment.validators = try validators(
      reader, backbone: backbone, hasEdgeServers: attachment.hasEdgeServers)

    attachment.backhaulLatency = try reader.value(Schema.backhaulLatency)
    attachment.backhaulBandwidth = try reader.value(Schema.backhaulBandwidth)
    attachment.backhaulLoss = try reader.value(Schema.backhaulLoss)
    attachment.accessLatency = try reader.value(Schema.accessLatency)
    attachment.accessBandwidth = try reader.value(Schema.accessBandwidth)
    attachment.accessUplinkBandwidth = try reader.read(Schema.accessUplinkBandwidth)
    attachment.accessLoss = try reader.value(Schema.accessLoss)
    attachment.cloudLatency = try reader.read(Schema.cloudLatency)
    attachment.cloudBandwidth = try reader.read(Schema.cloudBandwidth)
    attachment.cloudLoss = try reader.read(Schema.cloudLoss)
    attachment.attachmentLatency = try reader.value(Schema.attachmentLatency)
    attachment.attachmentBandwidth = try reader.value(Schema.attachmentBandwidth)
    attachment.attachmentLoss = try reader.value(Schema.attachmentLoss)

    // The fields are choices among the presets, so the lookups succeed.
    func profile(_ field: Field<String>, _ fallback: DeviceProfile) throws(ScenarioError)
      -> DeviceProfile
    {
      DeviceProfile.preset(named: try reader.value(field)) ?? fallback
    }
    attachment.clientProfile = try profile(Schema.clientProfile, attachment.clientProfile)
    attachment.edgeProfile = try profile(Schema.edgeProfile, attachment.edgeProfile)
    attachment.cloudProfile = try profile(Schema.cloudProfile, attachment.cloudProfile)
    attachment.validatorProfile = try profile(Schema.validatorProfile, attachment.validatorProfile)
    attachment.clientCores = try reader.value(Schema.clientCores)
    attachment.edgeCores = try reader.value(Schema.edgeCores)
    attachment.cloudCores = try reader.value(Schema.cloudCores)
    attachment.validatorCores = try reader.value(Schema.validatorCores)
    return attachment
  }

  /// `validators`: absent, `"edges"` (which needs `edgeServers`), or a list of distinct PoPs.
  static func validators(_ reader: ObjectReader, backbone: Topology, hasEdgeServers: Bool)
    throws(ScenarioError) -> BackboneAttachment.ValidatorPlacement
  {
    guard let value = try reader.read(Schema.validators) else { return .noValidators }
    let path = reader.path(of: Schema.validators)
    switch value.kind {
    case .string("edges"):
      guard hasEdgeServers else {
        throw reader.violation(
          Schema.validators, value: value.excerpt,
          accepted: "\"edges\" needs edge servers: set `edgeServers` to true, or list the PoPs "
            + "that get a validator")
      }
      return .onEdgeServers
    case .array(let names):
      let pops = try reader.distinctIDs(names, under: Schema.validators.name, kind: "node") {
        backbone.node(named: $0)?.id
      }
      return .atPoPs(pops)
    case .string:
      throw .invalidValue(
        file: reader.file, line: value.line, path: path, value: value.excerpt,
        accepted: "expected \(Schema.validators.accepts)")
    default:
      throw .wrongType(
        file: reader.file, line: value.line, path: path, found: value.typeDescription,
        expected: Schema.validators.accepts)
    }
  }
}
