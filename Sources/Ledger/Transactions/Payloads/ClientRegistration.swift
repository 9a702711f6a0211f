import SimCore

/// A client joins the federation: which client it is, the node it runs on, how many training
/// samples it holds (its FedAvg weight) and a digest of its data (LL-BCFL keeps such summaries
/// on chain).
///
/// Encoding (48 bytes): client index `UInt32`, node index `UInt32`, sample count `UInt64`,
/// data digest (32 bytes).
public struct ClientRegistration: Hashable, Sendable {
  /// The encoded size: 4 + 4 + 8 + 32 bytes.
  public static let encodedByteCount = 48

  /// The client registering.
  public var client: ClientID
  /// The node it runs on.
  public var node: NodeID
  /// Training samples it holds.
  public var sampleCount: Int
  /// A digest of its data set (or any 32-byte summary the scheme chooses).
  public var dataDigest: Digest256

  /// A registration of `client` on `node` with `sampleCount` samples.
  /// - Precondition: the indices fit in a `UInt32`; `sampleCount` is not negative.
  public init(client: ClientID, node: NodeID, sampleCount: Int, dataDigest: Digest256) {
    PayloadField.checkIndex(client.index, "ClientRegistration.client")
    PayloadField.checkIndex(node.index, "ClientRegistration.node")
    PayloadField.checkCount(sampleCount, "ClientRegistration.sampleCount")
    self.client = client
    self.node = node
    self.sampleCount = sampleCount
    self.dataDigest = dataDigest
  }

  func encode(into writer: inout ByteWriter) {
    writer.append(UInt32(client.index))
    writer.append(UInt32(node.index))
    writer.append(UInt64(sampleCount))
    writer.append(dataDigest)
  }

  init(decoding reader: inout ByteReader) throws(LedgerError) {
    let client = ClientID(Int(try reader.readUInt32("ClientRegistration.client")))
    let node = NodeID(Int(try reader.readUInt32("ClientRegistration.node")))
    let sampleCount = try reader.readCount("ClientRegistration.sampleCount")
    let digest = try reader.readDigest("ClientRegistration.dataDigest")
    self.init(client: client, node: node, sampleCount: sampleCount, dataDigest: digest)
  }
}
