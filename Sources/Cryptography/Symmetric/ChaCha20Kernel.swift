/// The ChaCha20 block function (RFC 8439 §2.3), the hot kernel behind `ChaCha20` and
/// `ChaCha20Generator`.
///
/// Runs of four blocks are computed together, one block per lane of `SIMD4<UInt32>` (the
/// "vertical" layout: lane j of state vector i is word i of block j), which the baseline x86-64
/// and arm64 vector units execute four at a time; the rest go through the scalar path. Both
/// paths run the same generic rounds, so they cannot drift apart.
enum ChaCha20Kernel {
  /// "expand 32-byte k" as four little-endian words: state words 0…3 (RFC 8439 §2.3).
  static let constants: (UInt32, UInt32, UInt32, UInt32) = (
    0x6170_7865, 0x3320_646e, 0x7962_2d32, 0x6b20_6574
  )

  /// Writes the keystream blocks for counters `counter`, `counter + 1`, …,
  /// `counter + blockCount − 1` (with nonce `nonce` under `key`) to `target`, 64 bytes each,
  /// little-endian.
  /// - Precondition: the counter does not wrap within the run (the caller checks).
  /// - Complexity: O(`blockCount`).
  static func writeKeystream(
    key: SIMD8<UInt32>, nonce: SIMD3<UInt32>, counter: UInt32, blockCount: Int,
    into target: UnsafeMutableRawPointer
  ) {
    var block = 0
    while blockCount - block >= 4 {
      let counters = SIMD4<UInt32>(0, 1, 2, 3) &+ (counter &+ UInt32(truncatingIfNeeded: block))
      var state = ChaCha20State<SIMD4<UInt32>>(
        key: key, nonce: nonce, counters: counters)
      let initial = state
      state.permute()
      state.add(initial)
      state.storeTransposed(into: target + 64 * block)
      block += 4
    }
    while block < blockCount {
      var state = ChaCha20State<UInt32>(
        key: key, nonce: nonce, counters: counter &+ UInt32(truncatingIfNeeded: block))
      let initial = state
      state.permute()
      state.add(initial)
      state.store(into: target + 64 * block)
      block += 1
    }
  }
}

/// What the rounds need of a word type: wrapping addition, XOR and left rotation, lane-wise.
/// `UInt32` is one block; `SIMD4<UInt32>` is four blocks side by side.
protocol ChaCha20Lanes: Sendable {
  static func &+ (lhs: Self, rhs: Self) -> Self
  static func ^ (lhs: Self, rhs: Self) -> Self
  /// `word` in every lane.
  init(broadcasting word: UInt32)
  /// Rotation left by `count` bits (0 < count < 32) in every lane.
  func rotatedLeft(by count: UInt32) -> Self
}

extension UInt32: ChaCha20Lanes {
  @inline(__always)
  init(broadcasting word: UInt32) { self = word }

  @inline(__always)
  func rotatedLeft(by count: UInt32) -> UInt32 { (self &<< count) | (self &>> (32 &- count)) }
}

extension SIMD4<UInt32>: ChaCha20Lanes {
  @inline(__always)
  init(broadcasting word: UInt32) { self.init(repeating: word) }

  /// The halves are joined with `&+`, not `|`: LLVM turns `(x << n) | (x >> (32 − n))` on
  /// vector lanes into a rotate, for which baseline x86-64 (SSE2) has no vector instruction,
  /// and then rotates each lane in a scalar register. The halves share no bits, so the sum is
  /// the same, and it compiles to two shifts and an OR.
  @inline(__always)
  func rotatedLeft(by count: UInt32) -> SIMD4<UInt32> {
    (self &<< count) &+ (self &>> (32 &- count))
  }
}

/// The sixteen-word ChaCha20 state (RFC 8439 §2.3) over `Lanes`, held in stored properties so
/// that the optimiser keeps every word in a register.
struct ChaCha20State<Lanes: ChaCha20Lanes> {
  var x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15: Lanes

  /// The initial state: constants, key, block counter(s), nonce.
  @inline(__always)
  init(key: SIMD8<UInt32>, nonce: SIMD3<UInt32>, counters: Lanes) {
    let broadcast = Lanes.init(broadcasting:)
    let constants = ChaCha20Kernel.constants
    x0 = broadcast(constants.0)
    x1 = broadcast(constants.1)
    x2 = broadcast(constants.2)
    x3 = broadcast(constants.3)
    x4 = broadcast(key[0])
    x5 = broadcast(key[1])
    x6 = broadcast(key[2])
    x7 = broadcast(key[3])
    x8 = broadcast(key[4])
    x9 = broadcast(key[5])
    x10 = broadcast(key[6])
    x11 = broadcast(key[7])
    x12 = counters
    x13 = broadcast(nonce[0])
    x14 = broadcast(nonce[1])
    x15 = broadcast(nonce[2])
  }

  /// The 20 rounds: ten double rounds, each four column quarter rounds then four diagonal
  /// ones (RFC 8439 §2.3, "inner_block").
  @inline(__always)
  mutating func permute() {
    for _ in 0..<10 {
      quarterRound(&x0, &x4, &x8, &x12)
      quarterRound(&x1, &x5, &x9, &x13)
      quarterRound(&x2, &x6, &x10, &x14)
      quarterRound(&x3, &x7, &x11, &x15)
      quarterRound(&x0, &x5, &x10, &x15)
      quarterRound(&x1, &x6, &x11, &x12)
      quarterRound(&x2, &x7, &x8, &x13)
      quarterRound(&x3, &x4, &x9, &x14)
    }
  }

  /// Adds the initial state word by word: the feed-forward that makes the block function
  /// one-way (RFC 8439 §2.3).
  @inline(__always)
  mutating func add(_ initial: ChaCha20State) {
    x0 = x0 &+ initial.x0
    x1 = x1 &+ initial.x1
    x2 = x2 &+ initial.x2
    x3 = x3 &+ initial.x3
    x4 = x4 &+ initial.x4
    x5 = x5 &+ initial.x5
    x6 = x6 &+ initial.x6
    x7 = x7 &+ initial.x7
    x8 = x8 &+ initial.x8
    x9 = x9 &+ initial.x9
    x10 = x10 &+ initial.x10
    x11 = x11 &+ initial.x11
    x12 = x12 &+ initial.x12
    x13 = x13 &+ initial.x13
    x14 = x14 &+ initial.x14
    x15 = x15 &+ initial.x15
  }
}

/// The quarter round of RFC 8439 §2.1 on four words (or four lanes of words).
@inline(__always)
private func quarterRound<Lanes: ChaCha20Lanes>(
  _ a: inout Lanes, _ b: inout Lanes, _ c: inout Lanes, _ d: inout Lanes
) {
  a = a &+ b
  d = (d ^ a).rotatedLeft(by: 16)
  c = c &+ d
  b = (b ^ c).rotatedLeft(by: 12)
  a = a &+ b
  d = (d ^ a).rotatedLeft(by: 8)
  c = c &+ d
  b = (b ^ c).rotatedLeft(by: 7)
}

extension ChaCha20State<UInt32> {
  /// Serializes the sixteen words little-endian: one 64-byte keystream block.
  @inline(__always)
  func store(into target: UnsafeMutableRawPointer) {
    target.storeBytes(of: x0.littleEndian, toByteOffset: 0, as: UInt32.self)
    target.storeBytes(of: x1.littleEndian, toByteOffset: 4, as: UInt32.self)
    target.storeBytes(of: x2.littleEndian, toByteOffset: 8, as: UInt32.self)
    target.storeBytes(of: x3.littleEndian, toByteOffset: 12, as: UInt32.self)
    target.storeBytes(of: x4.littleEndian, toByteOffset: 16, as: UInt32.self)
    target.storeBytes(of: x5.littleEndian, toByteOffset: 20, as: UInt32.self)
    target.storeBytes(of: x6.littleEndian, toByteOffset: 24, as: UInt32.self)
    target.storeBytes(of: x7.littleEndian, toByteOffset: 28, as: UInt32.self)
    target.storeBytes(of: x8.littleEndian, toByteOffset: 32, as: UInt32.self)
    target.storeBytes(of: x9.littleEndian, toByteOffset: 36, as: UInt32.self)
    target.storeBytes(of: x10.littleEndian, toByteOffset: 40, as: UInt32.self)
    target.storeBytes(of: x11.littleEndian, toByteOffset: 44, as: UInt32.self)
    target.storeBytes(of: x12.littleEndian, toByteOffset: 48, as: UInt32.self)
    target.storeBytes(of: x13.littleEndian, toByteOffset: 52, as: UInt32.self)
    target.storeBytes(of: x14.littleEndian, toByteOffset: 56, as: UInt32.self)
    target.storeBytes(of: x15.littleEndian, toByteOffset: 60, as: UInt32.self)
  }
}

extension ChaCha20State<SIMD4<UInt32>> {
  /// Serializes four blocks, block j from lane j of every word: 256 bytes, little-endian.
  @inline(__always)
  func storeTransposed(into target: UnsafeMutableRawPointer) {
    storeQuarter(x0, x1, x2, x3, at: 0, into: target)
    storeQuarter(x4, x5, x6, x7, at: 16, into: target)
    storeQuarter(x8, x9, x10, x11, at: 32, into: target)
    storeQuarter(x12, x13, x14, x15, at: 48, into: target)
  }
}

/// Writes words i…i+3 of four blocks: a 4×4 transpose, so each block gets its four words
/// contiguously at `offset` within its 64 bytes.
@inline(__always)
private func storeQuarter(
  _ a: SIMD4<UInt32>, _ b: SIMD4<UInt32>, _ c: SIMD4<UInt32>, _ d: SIMD4<UInt32>,
  at offset: Int, into target: UnsafeMutableRawPointer
) {
  for lane in 0..<4 {
    let words = SIMD4(a[lane], b[lane], c[lane], d[lane])
    #if _endian(little)
      target.storeBytes(of: words, toByteOffset: 64 * lane + offset, as: SIMD4<UInt32>.self)
    #else
      for index in 0..<4 {
        target.storeBytes(
          of: words[index].littleEndian, toByteOffset: 64 * lane + offset + 4 * index,
          as: UInt32.self)
      }
    #endif
  }
}
