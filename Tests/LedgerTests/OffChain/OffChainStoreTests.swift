import SimCore
import Testing

@testable import Ledger

struct OffChainStoreTests {
  /// The content hash is SHA-256 of the bytes: FIPS 180-2 Appendix B.1 gives SHA-256("abc").
  @Test func putReturnsTheSHA256AndSizeAndGetReturnsTheBytes() {
    var store = OffChainStore()
    var work = Work.zero
    let bytes = Array("abc".utf8)
    let reference = store.put(bytes, work: &work)
    #expect(
      reference.hash.digest
        == hexDigest("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
    #expect(reference.byteCount == .bytes(3))
    #expect(work == Work(bytesHashed: 64))
    #expect(store.get(reference.hash) == bytes)
    #expect(store.byteCount(of: reference.hash) == .bytes(3))
    #expect(store.get(ContentHash(.zero)) == nil)
  }

  @Test func identicalContentIsStoredOnce() {
    var store = OffChainStore()
    var work = Work.zero
    let first = store.put([1, 2, 3, 4], work: &work)
    let second = store.put([9, 9], work: &work)
    #expect(store.put([1, 2, 3, 4], work: &work) == first)
    #expect(store.count == 2 && store.storedByteCount == .bytes(6))
    #expect(store.hashes == [first.hash, second.hash])
    #expect(store.remove(first.hash) && !store.remove(first.hash))
    #expect(store.count == 1 && store.storedByteCount == .bytes(2) && !store.contains(first.hash))
  }

  @Test func referencesCheckWhatArrives() {
    var work = Work.zero
    let model = [UInt8](repeating: 7, count: 1_000)
    let reference = ContentReference(content: model, work: &work)
    #expect(reference.matches(model, work: &work))
    var corrupted = model
    corrupted[500] = 8
    #expect(!reference.matches(corrupted, work: &work))
    #expect(!reference.matches(Array(model.dropLast()), work: &work))
  }

  /// The chain holds only the reference: an off-chain update's transaction is the same size
  /// whether the model is 1 kB or 10 MB.
  @Test func chainHoldsOnlyTheHashAndSize() {
    var store = OffChainStore()
    var work = Work.zero
    let small = store.put([UInt8](repeating: 1, count: 1_000), work: &work)
    let large = ContentReference(hash: ContentHash(.zero), byteCount: .megabytes(10))
    func payload(_ reference: ContentReference) -> TransactionPayload {
      .modelUpdate(
        ModelUpdate(client: ClientID(0), round: 1, sampleCount: 1, content: .offChain(reference)))
    }
    #expect(payload(small).encodedByteCount == payload(large).encodedByteCount)
    #expect(payload(large).offChainByteCount == .megabytes(10))
  }
}
