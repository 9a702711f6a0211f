import Cryptography
import SimCore
import Testing

@testable import Ledger

struct MerkleTreeTests {
  /// The Certificate Transparency reference leaves (certificate-transparency `merkle_tree_test`,
  /// the vectors every RFC 6962 implementation checks against) and the roots of their first
  /// n leaves, n = 0…8.
  static let referenceLeaves = [
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
  ].map(hexBytes)
  static let referenceRoots = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
  ].map(hexDigest)

  static func referenceLeafHashes(_ count: Int) -> [Digest256] {
    var work = Work.zero
    return referenceLeaves.prefix(count).map { MerkleTree.leafHash(ofBytes: $0, work: &work) }
  }

  @Test func rootsMatchTheCertificateTransparencyVectors() {
    for count in 0...8 {
      var work = Work.zero
      let root = MerkleTree.root(ofLeafHashes: Self.referenceLeafHashes(count), work: &work)
      #expect(root == Self.referenceRoots[count], "tree of \(count) leaves")
    }
  }

  /// The published audit paths (same source): leaf 0 and leaf 5 of 8, leaf 2 of 3, leaf 1 of 5.
  @Test func inclusionProofsMatchTheCertificateTransparencyVectors() {
    let cases: [(index: Int, size: Int, path: [String])] = [
      (
        0, 8,
        [
          "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ]
      ),
      (
        5, 8,
        [
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
          "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ]
      ),
      (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
      (
        1, 5,
        [
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ]
      ),
    ]
    for (index, size, path) in cases {
      var work = Work.zero
      let leaves = Self.referenceLeafHashes(size)
      let proof = MerkleTree.inclusionProof(forLeafAt: index, leafHashes: leaves, work: &work)
      #expect(proof.path == path.map(hexDigest), "leaf \(index) of \(size)")
      #expect(proof.isValid(leafHash: leaves[index], root: Self.referenceRoots[size], work: &work))
    }
  }

  /// Three transaction IDs a, b, c, built by hand from SHA-256 calls: RFC 6962 splits 3 at
  /// k = 2, so root = H(0x01 ‖ H(0x01 ‖ H(0x00 ‖ a) ‖ H(0x00 ‖ b)) ‖ H(0x00 ‖ c)); the odd
  /// leaf c is promoted, not paired with a copy of itself (as Bitcoin would). Work: 3 leaves of
  /// one block (64 B) and 2 nodes of two blocks (128 B) = 448 bytes hashed.
  @Test func threeLeafRootMatchesAHandBuiltTree() {
    let ids = [1, 2, 3].map { TransactionID(LedgerFixtures.digest($0)) }
    func sha(_ bytes: [UInt8]) -> [UInt8] { SHA256.hash(bytes) }
    let leaves = ids.map { sha([0x00] + $0.digest.bytes) }
    let left = sha([0x01] + leaves[0] + leaves[1])
    let expected = sha([0x01] + left + leaves[2])
    var work = Work.zero
    #expect(MerkleTree.root(of: ids, work: &work).bytes == expected)
    #expect(work == Work(bytesHashed: 3 * 64 + 2 * 128))
    let bitcoinStyle = sha([0x01] + left + sha([0x01] + leaves[2] + leaves[2]))
    #expect(expected != bitcoinStyle)
  }

  /// Every leaf of every tree size from 1 to 20 proves its inclusion, and nothing else does:
  /// another ID, another index, another root or a truncated path all fail.
  @Test func everyLeafProvesItsInclusionAndForgeriesFail() {
    for size in 1...20 {
      let ids = (0..<size).map { TransactionID(LedgerFixtures.digest(UInt8($0 + 1))) }
      var work = Work.zero
      let root = MerkleTree.root(of: ids, work: &work)
      for index in 0..<size {
        let proof = MerkleTree.inclusionProof(forLeafAt: index, in: ids, work: &work)
        #expect(proof.isValid(for: ids[index], root: root, work: &work), "leaf \(index) of \(size)")
        let stranger = TransactionID(LedgerFixtures.digest(0xEE))
        #expect(!proof.isValid(for: stranger, root: root, work: &work))
        #expect(!proof.isValid(for: ids[index], root: LedgerFixtures.digest(0), work: &work))
        if size > 1 {
          let moved = MerkleProof(
            leafIndex: (index + 1) % size, leafCount: size, path: proof.path)
          #expect(!moved.isValid(for: ids[index], root: root, work: &work))
          let short = MerkleProof(
            leafIndex: index, leafCount: size, path: Array(proof.path.dropLast()))
          #expect(!short.isValid(for: ids[index], root: root, work: &work))
        }
      }
    }
  }

  @Test func proofsOutsideTheTreeAreInvalid() {
    var work = Work.zero
    let id = TransactionID(LedgerFixtures.digest(1))
    let root = MerkleTree.root(of: [id], work: &work)
    #expect(
      MerkleProof(leafIndex: 0, leafCount: 1, path: []).isValid(for: id, root: root, work: &work))
    #expect(
      !MerkleProof(leafIndex: 1, leafCount: 1, path: []).isValid(for: id, root: root, work: &work))
    #expect(
      !MerkleProof(leafIndex: -1, leafCount: 1, path: []).isValid(for: id, root: root, work: &work))
    #expect(
      !MerkleProof(leafIndex: 0, leafCount: 1, path: [root]).isValid(
        for: id, root: root, work: &work))
  }
}
