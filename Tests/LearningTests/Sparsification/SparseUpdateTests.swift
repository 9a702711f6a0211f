import SimCore
import Testing

@testable import Learning

struct SparseUpdateTests {
  private func makeExample() throws -> SparseUpdate {
    try SparseUpdate(dimension: 6, indices: [1, 5], values: [-3, 0.5])
  }

  @Test func encodingMatchesTheDocumentedLayout() throws {
    let example = try makeExample()
    // Little-endian words: dimension 6, count 2, then (1, −3.0 = 0xC0400000), (5, 0.5 = 0x3F000000).
    let expected: [UInt8] = [
      6, 0, 0, 0, 2, 0, 0, 0,
      1, 0, 0, 0, 0x00, 0x00, 0x40, 0xC0,
      5, 0, 0, 0, 0x00, 0x00, 0x00, 0x3F,
    ]
    #expect(example.encode() == expected)
    #expect(example.wireSize == .bytes(24))
  }

  @Test(arguments: [0, 1, 7, 300])
  func wireSizeIsExactlyTheEncodedLength(count: Int) throws {
    let update = try SparseUpdate(
      dimension: 1000, indices: (0..<count).map { UInt32($0 * 3) },
      values: (0..<count).map { Float($0) - 0.5 })
    #expect(Int64(update.encode().count) == update.wireSize.bytes)
    #expect(update.wireSize.bytes == Int64(8 + 8 * count))
    #expect(try SparseUpdate(decoding: update.encode()) == update)
  }

  @Test func decodingRejectsMalformedBytes() throws {
    let bytes = try makeExample().encode()
    #expect(throws: SparsificationError.wrongEncodedLength(byteCount: 7, expected: 8)) {
      try SparseUpdate(decoding: Array(bytes.prefix(7)))
    }
    #expect(throws: SparsificationError.wrongEncodedLength(byteCount: 16, expected: 24)) {
      try SparseUpdate(decoding: Array(bytes.prefix(16)))
    }
    var outOfRange = bytes
    outOfRange[16] = 6  // second index 5 → 6, not below the dimension 6
    #expect(throws: SparsificationError.indexOutOfRange(position: 1, index: 6, dimension: 6)) {
      try SparseUpdate(decoding: outOfRange)
    }
    var duplicate = bytes
    duplicate[16] = 1  // second index 5 → 1, equal to the first
    #expect(throws: SparsificationError.indicesNotAscending(position: 1, previous: 1, index: 1)) {
      try SparseUpdate(decoding: duplicate)
    }
  }

  @Test func initialiserValidatesItsEntries() {
    #expect(throws: SparsificationError.countMismatch(indexCount: 2, valueCount: 1)) {
      try SparseUpdate(dimension: 4, indices: [0, 1], values: [1])
    }
    #expect(throws: SparsificationError.indicesNotAscending(position: 1, previous: 3, index: 2)) {
      try SparseUpdate(dimension: 4, indices: [3, 2], values: [1, 1])
    }
    #expect(throws: SparsificationError.dimensionTooLarge(-1)) {
      try SparseUpdate(dimension: -1, indices: [], values: [])
    }
  }

  @Test func addsScaledEntriesIntoADenseVector() throws {
    let example = try makeExample()
    var dense: [Float] = [1, 1, 1, 1, 1, 1]
    let work = try example.add(into: &dense, scale: -0.5)
    // Index 1: 1 − 0.5·(−3) = 2.5; index 5: 1 − 0.5·0.5 = 0.75.
    #expect(dense == [1, 2.5, 1, 1, 1, 0.75])
    #expect(work == .flops(4))  // 2 entries × multiply-add
    #expect(try example.add(into: &dense) == .flops(2))
    #expect(dense == [1, -0.5, 1, 1, 1, 1.25])
    var short: [Float] = [0, 0]
    #expect(throws: SparsificationError.dimensionMismatch(update: 0, dimension: 6, expected: 2)) {
      try example.add(into: &short)
    }
  }

  @Test func densifiedFillsTheGapsWithZeros() throws {
    #expect(try makeExample().densified() == [0, -3, 0, 0, 0, 0.5])
  }
}
