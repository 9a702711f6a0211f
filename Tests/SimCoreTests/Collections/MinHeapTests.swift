import SimCore
import Testing

struct MinHeapTests {
  /// Pushing a shuffled 0…99 and popping gives them back in order; by hand, any heap must.
  @Test func popsInAscendingOrder() {
    var generator = RandomStreams(seed: 3).make(StreamPurpose("heapTest"))
    var values = Array(0..<100)
    generator.shuffle(&values)
    var heap = MinHeap<Int>()
    for value in values { heap.push(value) }
    #expect(heap.count == 100 && heap.minimum == 0)
    var drained: [Int] = []
    while let value = heap.pop() { drained.append(value) }
    #expect(drained == Array(0..<100))
    #expect(heap.isEmpty && heap.pop() == nil)
  }

  @Test func removeAllEmptiesIt() {
    var heap = MinHeap<Int>()
    for value in [5, 3, 9] { heap.push(value) }
    heap.removeAll()
    #expect(heap.isEmpty && heap.minimum == nil)
  }
}
