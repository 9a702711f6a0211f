import Cryptography
import SimCore
import Testing

/// Known-answer tests from RFC 8439: the block function (§2.3.2, Appendix A.1), encryption
/// (§2.4.2, Appendix A.2).
struct ChaCha20Tests {
  /// The RFC's bytes 00 01 02 … 1f, used as the key in §2.3.2 and §2.4.2.
  static let countingKey = (0..<32).map { UInt8($0) }

  /// RFC 8439 §2.3.2: key 00…1f, nonce 00 00 00 09 00 00 00 4a 00 00 00 00, counter 1.
  @Test func blockMatchesRFC8439Section2_3_2() throws {
    let key = try ChaCha20.Key(rawRepresentation: Self.countingKey)
    let nonce = try ChaCha20.Nonce(rawRepresentation: [0, 0, 0, 9, 0, 0, 0, 0x4a, 0, 0, 0, 0])
    let expected = try KnownAnswerHex.bytes(
      "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
        + "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e")
    #expect(ChaCha20.block(key: key, nonce: nonce, counter: 1) == expected)
  }

  /// One RFC 8439 Appendix A.1 test vector: key, nonce, counter and the keystream block.
  struct BlockVector: Sendable, CustomTestStringConvertible {
    let number: Int
    let key: [UInt8]
    let nonce: [UInt8]
    let counter: UInt32
    let keystreamHex: String
    var testDescription: String { "RFC 8439 A.1 test vector #\(number)" }
  }

  static let zeroKey = [UInt8](repeating: 0, count: 32)
  static let zeroNonce = [UInt8](repeating: 0, count: 12)

  static let blockVectors: [BlockVector] = [
    BlockVector(
      number: 1, key: zeroKey, nonce: zeroNonce, counter: 0,
      keystreamHex: "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
        + "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586"),
    BlockVector(
      number: 2, key: zeroKey, nonce: zeroNonce, counter: 1,
      keystreamHex: "9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
        + "29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f"),
    BlockVector(
      number: 3, key: zeroKey.dropLast() + [1], nonce: zeroNonce, counter: 1,
      keystreamHex: "3aeb5224ecf849929b9d828db1ced4dd832025e8018b8160b82284f3c949aa5a"
        + "8eca00bbb4a73bdad192b5c42f73f2fd4e273644c8b36125a64addeb006c13a0"),
    BlockVector(
      number: 4, key: [0, 0xff] + zeroKey.dropFirst(2), nonce: zeroNonce, counter: 2,
      keystreamHex: "72d54dfbf12ec44b362692df94137f328fea8da73990265ec1bbbea1ae9af0ca"
        + "13b25aa26cb4a648cb9b9d1be65b2c0924a66c54d545ec1b7374f4872e99f096"),
    BlockVector(
      number: 5, key: zeroKey, nonce: zeroNonce.dropLast() + [2], counter: 0,
      keystreamHex: "c2c64d378cd536374ae204b9ef933fcd1a8b2288b3dfa49672ab765b54ee27c7"
        + "8a970e0e955c14f3a88e741b97c286f75f8fc299e8148362fa198a39531bed6d"),
  ]

  @Test(arguments: blockVectors)
  func blockMatchesRFC8439AppendixA1(_ vector: BlockVector) throws {
    let key = try ChaCha20.Key(rawRepresentation: vector.key)
    let nonce = try ChaCha20.Nonce(rawRepresentation: vector.nonce)
    let expected = try KnownAnswerHex.bytes(vector.keystreamHex)
    #expect(ChaCha20.block(key: key, nonce: nonce, counter: vector.counter) == expected)
  }

  /// RFC 8439 §2.4.2: the "sunscreen" message (114 bytes, one whole block and a partial one).
  @Test func encryptionMatchesRFC8439Section2_4_2() throws {
    let key = try ChaCha20.Key(rawRepresentation: Self.countingKey)
    let nonce = try ChaCha20.Nonce(rawRepresentation: [0, 0, 0, 0, 0, 0, 0, 0x4a, 0, 0, 0, 0])
    let plaintext = Array(
      ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the"
        + " future, sunscreen would be it.").utf8)
    #expect(plaintext.count == 114)
    let expected = try KnownAnswerHex.bytes(
      "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
        + "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
        + "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
        + "5af90bbf74a35be6b40b8eedf2785e42874d")
    var work = Work.zero
    let ciphertext = ChaCha20.encrypt(
      plaintext, key: key, nonce: nonce, initialCounter: 1, work: &work)
    #expect(ciphertext == expected)
    // Two keystream blocks for 114 bytes.
    #expect(work == Work(bytesCiphered: 128))
    #expect(ChaCha20.decrypt(ciphertext, key: key, nonce: nonce, initialCounter: 1) == plaintext)
  }

  /// RFC 8439 A.2 test vector #1: 64 zero bytes encrypt to the keystream of A.1 #1.
  @Test func zeroMessageEncryptsToKeystream() throws {
    let key = try ChaCha20.Key(rawRepresentation: Self.zeroKey)
    let ciphertext = ChaCha20.encrypt(
      [UInt8](repeating: 0, count: 64), key: key, nonce: .zero, initialCounter: 0)
    #expect(ciphertext == (try KnownAnswerHex.bytes(Self.blockVectors[0].keystreamHex)))
  }

  /// RFC 8439 A.2 test vector #2: 375 bytes, so four blocks go through the four-wide vector
  /// path, one through the scalar path and 55 bytes through the partial-block path.
  @Test func ietfTextMatchesRFC8439AppendixA2Vector2() throws {
    let key = try ChaCha20.Key(rawRepresentation: Self.zeroKey.dropLast() + [1])
    let nonce = try ChaCha20.Nonce(rawRepresentation: Self.zeroNonce.dropLast() + [2])
    let plaintext = Array(
      ("Any submission to the IETF intended by the Contributor for publication as all or part"
        + " of an IETF Internet-Draft or RFC and any statement made within the context of an"
        + " IETF activity is considered an \"IETF Contribution\". Such statements include oral"
        + " statements in IETF sessions, as well as written and electronic communications made"
        + " at any time or place, which are addressed to").utf8)
    #expect(plaintext.count == 375)
    let expected = try KnownAnswerHex.bytes(
      "a3fbf07df3fa2fde4f376ca23e82737041605d9f4f4f57bd8cff2c1d4b7955ec"
        + "2a97948bd3722915c8f3d337f7d370050e9e96d647b7c39f56e031ca5eb6250d"
        + "4042e02785ececfa4b4bb5e8ead0440e20b6e8db09d881a7c6132f420e527950"
        + "42bdfa7773d8a9051447b3291ce1411c680465552aa6c405b7764d5e87bea85a"
        + "d00f8449ed8f72d0d662ab052691ca66424bc86d2df80ea41f43abf937d3259d"
        + "c4b2d0dfb48a6c9139ddd7f76966e928e635553ba76c5c879d7b35d49eb2e62b"
        + "0871cdac638939e25e8a1e0ef9d5280fa8ca328b351c3c765989cbcf3daa8b6c"
        + "cc3aaf9f3979c92b3720fc88dc95ed84a1be059c6499b9fda236e7e818b04b0b"
        + "c39c1e876b193bfe5569753f88128cc08aaa9b63d1a16f80ef2554d7189c411f"
        + "5869ca52c5b83fa36ff216b9c1d30062bebcfd2dc5bce0911934fda79a86f6e6"
        + "98ced759c3ff9b6477338f3da4f9cd8514ea9982ccafb341b2384dd902f3d1ab"
        + "7ac61dd29c6f21ba5b862f3730e37cfdc4fd806c22f221")
    var work = Work.zero
    let ciphertext = ChaCha20.encrypt(
      plaintext, key: key, nonce: nonce, initialCounter: 1, work: &work)
    #expect(ciphertext == expected)
    // ⌈375 / 64⌉ = 6 blocks.
    #expect(work == Work(bytesCiphered: 6 * 64))
  }

  /// RFC 8439 A.2 test vector #3: Jabberwocky, from counter 42.
  @Test func jabberwockyMatchesRFC8439AppendixA2Vector3() throws {
    let key = try ChaCha20.Key(
      rawRepresentation: try KnownAnswerHex.bytes(
        "1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0"))
    let nonce = try ChaCha20.Nonce(rawRepresentation: Self.zeroNonce.dropLast() + [2])
    let plaintext = Array(
      ("'Twas brillig, and the slithy toves\nDid gyre and gimble in the wabe:\n"
        + "All mimsy were the borogoves,\nAnd the mome raths outgrabe.").utf8)
    #expect(plaintext.count == 127)
    let expected = try KnownAnswerHex.bytes(
      "62e6347f95ed87a45ffae7426f27a1df5fb69110044c0d73118effa95b01e5cf"
        + "166d3df2d721caf9b21e5fb14c616871fd84c54f9d65b283196c7fe4f60553eb"
        + "f39c6402c42234e32a356b3e764312a61a5532055716ead6962568f87d3f3f77"
        + "04c6a8d1bcd1bf4d50d6154b6da731b187b58dfd728afa36757a797ac188d1")
    #expect(ChaCha20.encrypt(plaintext, key: key, nonce: nonce, initialCounter: 42) == expected)
  }

  /// An empty message encrypts to nothing and costs nothing.
  @Test func emptyMessageCostsNothing() throws {
    let key = try ChaCha20.Key(rawRepresentation: Self.zeroKey)
    var work = Work.zero
    #expect(ChaCha20.encrypt([], key: key, nonce: .zero, initialCounter: 0, work: &work) == [])
    #expect(work == .zero)
  }

  /// Keys and nonces of the wrong size are rejected with the size given and the size wanted.
  @Test func wrongSizesAreRejected() {
    #expect(
      throws: ChaCha20Error.wrongByteCount(
        field: "ChaCha20.Key.rawRepresentation", byteCount: 31, expected: 32)
    ) { try ChaCha20.Key(rawRepresentation: [UInt8](repeating: 0, count: 31)) }
    #expect(
      throws: ChaCha20Error.wrongByteCount(
        field: "ChaCha20.Nonce.rawRepresentation", byteCount: 8, expected: 12)
    ) { try ChaCha20.Nonce(rawRepresentation: [UInt8](repeating: 0, count: 8)) }
    let error = ChaCha20Error.wrongByteCount(
      field: "ChaCha20.Key.rawRepresentation", byteCount: 31, expected: 32)
    #expect(
      error.description
        == "ChaCha20.Key.rawRepresentation: got 31 bytes; exactly 32 bytes are accepted")
  }

  /// Keys and nonces give back the bytes they were made from.
  @Test func rawRepresentationsRoundTrip() throws {
    let key = try ChaCha20.Key(rawRepresentation: Self.countingKey)
    #expect(key.rawRepresentation == Self.countingKey)
    let nonceBytes: [UInt8] = [0, 0, 0, 9, 0, 0, 0, 0x4a, 0, 0, 0, 0]
    #expect(try ChaCha20.Nonce(rawRepresentation: nonceBytes).rawRepresentation == nonceBytes)
    // prefix 0x09000000 then sequence number 0x4a000000 (low word), both little-endian.
    #expect(
      ChaCha20.Nonce(prefix: 0x0900_0000, sequenceNumber: 0x4a00_0000).rawRepresentation
        == nonceBytes)
  }
}
