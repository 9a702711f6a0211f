import Testing

@testable import Learning

struct CRC32Tests {
  @Test func checkValueMatchesTheCatalogue() {
    // The "check" value of CRC-32/ISO-HDLC (gzip's CRC) over "123456789", from Greg Cook's
    // "Catalogue of parametrised CRC algorithms".
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
  }

  @Test func emptyInputHasCRCZero() {
    // Initial 0xFFFFFFFF, final XOR 0xFFFFFFFF, nothing in between.
    #expect(CRC32.checksum([UInt8]()) == 0)
  }

  @Test func crcOfTheShortFixtureMatchesTheOneGzipStored() throws {
    // GNU gzip wrote 0x2201A00B (bytes 0b a0 01 22) into the fixture's trailer.
    #expect(CRC32.checksum(Array(GzipFixtures.shortText.utf8)) == 0x2201_A00B)
  }

  @Test func incrementalUpdatesEqualOneShot() throws {
    // Splits at every length up to 20 cross the 8-byte fast path and the bytewise tail.
    let bytes = Array(try Base64.decode(GzipFixtures.randomBytes).prefix(40))
    let whole = CRC32.checksum(bytes)
    for split in 0...20 {
      var crc = CRC32()
      crc.update(bytes[..<split])
      crc.update(bytes[split...])
      #expect(crc.value == whole, "split at \(split)")
    }
  }
}
