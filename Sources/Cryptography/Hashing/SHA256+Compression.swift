// MARK: - Compression function (FIPS 180-4 §6.2.2)

extension SHA256 {
  /// Runs the SHA-256 compression function over `count` consecutive 64-byte blocks starting at
  /// `blocks`, updating `state` in place.
  ///
  /// This is the hot kernel, written out in full so that nothing is indexed through a checked
  /// collection and nothing is reference-counted:
  /// - the message schedule (step 1) is computed four words at a time in `SIMD4<UInt32>`
  ///   vectors, which the vector unit runs alongside the scalar rounds, and W(t) + K(t) is
  ///   stored to a 64-word stack buffer;
  /// - the 64 rounds (steps 2–3) run on scalar registers, each reading its W(t) + K(t) with one
  ///   load, with the eight working variables renamed instead of shifted.
  /// - Complexity: O(`count`).
  static func compress(_ state: inout State, blocks: UnsafeRawPointer, count: Int) {
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { buffer in
      let scheduled = buffer.baseAddress!
      var block = blocks
      for _ in 0..<count {
        // W0…W15: the block as big-endian words (FIPS 180-4 §5.2.1), four per vector, and
        // σ0 of each vector, which two schedule steps share.
        let v0 = SIMD4(
          loadBigEndian(block, 0), loadBigEndian(block, 4),
          loadBigEndian(block, 8), loadBigEndian(block, 12))
        let v1 = SIMD4(
          loadBigEndian(block, 16), loadBigEndian(block, 20),
          loadBigEndian(block, 24), loadBigEndian(block, 28))
        let v2 = SIMD4(
          loadBigEndian(block, 32), loadBigEndian(block, 36),
          loadBigEndian(block, 40), loadBigEndian(block, 44))
        let v3 = SIMD4(
          loadBigEndian(block, 48), loadBigEndian(block, 52),
          loadBigEndian(block, 56), loadBigEndian(block, 60))
        let s0 = smallSigma0(v0)
        let s1 = smallSigma0(v1)
        let s2 = smallSigma0(v2)
        let s3 = smallSigma0(v3)
        storeWords(
          v0 &+ SIMD4(0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5), to: scheduled, at: 0)
        storeWords(
          v1 &+ SIMD4(0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5), to: scheduled, at: 4)
        storeWords(
          v2 &+ SIMD4(0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3), to: scheduled, at: 8)
        storeWords(
          v3 &+ SIMD4(0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174), to: scheduled, at: 12)
        var a = state.h0
        var b = state.h1
        var c = state.h2
        var d = state.h3
        var e = state.h4
        var f = state.h5
        var g = state.h6
        var h = state.h7
        // Round t's b ⊕ c is round t−1's a ⊕ b (see `round`).
        var previousAXorB = b ^ c
        // W(16…19), then rounds 0–3.
        let v4 = nextScheduleWords(v0, s0, s1, v2, v3)
        let s4 = smallSigma0(v4)
        storeWords(
          v4 &+ SIMD4(0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc), to: scheduled, at: 16)
        round(a, b, c, &d, e, f, g, &h, scheduled[0], &previousAXorB)
        round(h, a, b, &c, d, e, f, &g, scheduled[1], &previousAXorB)
        round(g, h, a, &b, c, d, e, &f, scheduled[2], &previousAXorB)
        round(f, g, h, &a, b, c, d, &e, scheduled[3], &previousAXorB)
        // W(20…23), then rounds 4–7.
        let v5 = nextScheduleWords(v1, s1, s2, v3, v4)
        let s5 = smallSigma0(v5)
        storeWords(
          v5 &+ SIMD4(0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da), to: scheduled, at: 20)
        round(e, f, g, &h, a, b, c, &d, scheduled[4], &previousAXorB)
        round(d, e, f, &g, h, a, b, &c, scheduled[5], &previousAXorB)
        round(c, d, e, &f, g, h, a, &b, scheduled[6], &previousAXorB)
        round(b, c, d, &e, f, g, h, &a, scheduled[7], &previousAXorB)
        // W(24…27), then rounds 8–11.
        let v6 = nextScheduleWords(v2, s2, s3, v4, v5)
        let s6 = smallSigma0(v6)
        storeWords(
          v6 &+ SIMD4(0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7), to: scheduled, at: 24)
        round(a, b, c, &d, e, f, g, &h, scheduled[8], &previousAXorB)
        round(h, a, b, &c, d, e, f, &g, scheduled[9], &previousAXorB)
        round(g, h, a, &b, c, d, e, &f, scheduled[10], &previousAXorB)
        round(f, g, h, &a, b, c, d, &e, scheduled[11], &previousAXorB)
        // W(28…31), then rounds 12–15.
        let v7 = nextScheduleWords(v3, s3, s4, v5, v6)
        let s7 = smallSigma0(v7)
        storeWords(
          v7 &+ SIMD4(0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967), to: scheduled, at: 28)
        round(e, f, g, &h, a, b, c, &d, scheduled[12], &previousAXorB)
        round(d, e, f, &g, h, a, b, &c, scheduled[13], &previousAXorB)
        round(c, d, e, &f, g, h, a, &b, scheduled[14], &previousAXorB)
        round(b, c, d, &e, f, g, h, &a, scheduled[15], &previousAXorB)
        // W(32…35), then rounds 16–19.
        let v8 = nextScheduleWords(v4, s4, s5, v6, v7)
        let s8 = smallSigma0(v8)
        storeWords(
          v8 &+ SIMD4(0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13), to: scheduled, at: 32)
        round(a, b, c, &d, e, f, g, &h, scheduled[16], &previousAXorB)
        round(h, a, b, &c, d, e, f, &g, scheduled[17], &previousAXorB)
        round(g, h, a, &b, c, d, e, &f, scheduled[18], &previousAXorB)
        round(f, g, h, &a, b, c, d, &e, scheduled[19], &previousAXorB)
        // W(36…39), then rounds 20–23.
        let v9 = nextScheduleWords(v5, s5, s6, v7, v8)
        let s9 = smallSigma0(v9)
        storeWords(
          v9 &+ SIMD4(0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85), to: scheduled, at: 36)
        round(e, f, g, &h, a, b, c, &d, scheduled[20], &previousAXorB)
        round(d, e, f, &g, h, a, b, &c, scheduled[21], &previousAXorB)
        round(c, d, e, &f, g, h, a, &b, scheduled[22], &previousAXorB)
        round(b, c, d, &e, f, g, h, &a, scheduled[23], &previousAXorB)
        // W(40…43), then rounds 24–27.
        let v10 = nextScheduleWords(v6, s6, s7, v8, v9)
        let s10 = smallSigma0(v10)
        storeWords(
          v10 &+ SIMD4(0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3), to: scheduled, at: 40)
        round(a, b, c, &d, e, f, g, &h, scheduled[24], &previousAXorB)
        round(h, a, b, &c, d, e, f, &g, scheduled[25], &previousAXorB)
        round(g, h, a, &b, c, d, e, &f, scheduled[26], &previousAXorB)
        round(f, g, h, &a, b, c, d, &e, scheduled[27], &previousAXorB)
        // W(44…47), then rounds 28–31.
        let v11 = nextScheduleWords(v7, s7, s8, v9, v10)
        let s11 = smallSigma0(v11)
        storeWords(
          v11 &+ SIMD4(0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070), to: scheduled, at: 44)
        round(e, f, g, &h, a, b, c, &d, scheduled[28], &previousAXorB)
        round(d, e, f, &g, h, a, b, &c, scheduled[29], &previousAXorB)
        round(c, d, e, &f, g, h, a, &b, scheduled[30], &previousAXorB)
        round(b, c, d, &e, f, g, h, &a, scheduled[31], &previousAXorB)
        // W(48…51), then rounds 32–35.
        let v12 = nextScheduleWords(v8, s8, s9, v10, v11)
        let s12 = smallSigma0(v12)
        storeWords(
          v12 &+ SIMD4(0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5), to: scheduled, at: 48)
        round(a, b, c, &d, e, f, g, &h, scheduled[32], &previousAXorB)
        round(h, a, b, &c, d, e, f, &g, scheduled[33], &previousAXorB)
        round(g, h, a, &b, c, d, e, &f, scheduled[34], &previousAXorB)
        round(f, g, h, &a, b, c, d, &e, scheduled[35], &previousAXorB)
        // W(52…55), then rounds 36–39.
        let v13 = nextScheduleWords(v9, s9, s10, v11, v12)
        storeWords(
          v13 &+ SIMD4(0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3), to: scheduled, at: 52)
        round(e, f, g, &h, a, b, c, &d, scheduled[36], &previousAXorB)
        round(d, e, f, &g, h, a, b, &c, scheduled[37], &previousAXorB)
        round(c, d, e, &f, g, h, a, &b, scheduled[38], &previousAXorB)
        round(b, c, d, &e, f, g, h, &a, scheduled[39], &previousAXorB)
        // W(56…59), then rounds 40–43.
        let v14 = nextScheduleWords(v10, s10, s11, v12, v13)
        storeWords(
          v14 &+ SIMD4(0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208), to: scheduled, at: 56)
        round(a, b, c, &d, e, f, g, &h, scheduled[40], &previousAXorB)
        round(h, a, b, &c, d, e, f, &g, scheduled[41], &previousAXorB)
        round(g, h, a, &b, c, d, e, &f, scheduled[42], &previousAXorB)
        round(f, g, h, &a, b, c, d, &e, scheduled[43], &previousAXorB)
        // W(60…63), then rounds 44–47.
        let v15 = nextScheduleWords(v11, s11, s12, v13, v14)
        storeWords(
          v15 &+ SIMD4(0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2), to: scheduled, at: 60)
        round(e, f, g, &h, a, b, c, &d, scheduled[44], &previousAXorB)
        round(d, e, f, &g, h, a, b, &c, scheduled[45], &previousAXorB)
        round(c, d, e, &f, g, h, a, &b, scheduled[46], &previousAXorB)
        round(b, c, d, &e, f, g, h, &a, scheduled[47], &previousAXorB)
        // Rounds 48–63.
        round(a, b, c, &d, e, f, g, &h, scheduled[48], &previousAXorB)
        round(h, a, b, &c, d, e, f, &g, scheduled[49], &previousAXorB)
        round(g, h, a, &b, c, d, e, &f, scheduled[50], &previousAXorB)
        round(f, g, h, &a, b, c, d, &e, scheduled[51], &previousAXorB)
        round(e, f, g, &h, a, b, c, &d, scheduled[52], &previousAXorB)
        round(d, e, f, &g, h, a, b, &c, scheduled[53], &previousAXorB)
        round(c, d, e, &f, g, h, a, &b, scheduled[54], &previousAXorB)
        round(b, c, d, &e, f, g, h, &a, scheduled[55], &previousAXorB)
        round(a, b, c, &d, e, f, g, &h, scheduled[56], &previousAXorB)
        round(h, a, b, &c, d, e, f, &g, scheduled[57], &previousAXorB)
        round(g, h, a, &b, c, d, e, &f, scheduled[58], &previousAXorB)
        round(f, g, h, &a, b, c, d, &e, scheduled[59], &previousAXorB)
        round(e, f, g, &h, a, b, c, &d, scheduled[60], &previousAXorB)
        round(d, e, f, &g, h, a, b, &c, scheduled[61], &previousAXorB)
        round(c, d, e, &f, g, h, a, &b, scheduled[62], &previousAXorB)
        round(b, c, d, &e, f, g, h, &a, scheduled[63], &previousAXorB)
        state.h0 &+= a
        state.h1 &+= b
        state.h2 &+= c
        state.h3 &+= d
        state.h4 &+= e
        state.h5 &+= f
        state.h6 &+= g
        state.h7 &+= h
        block += 64
      }
    }
  }
}

// MARK: - Message schedule (FIPS 180-4 §6.2.2 step 1, §4.1.2)

/// The big-endian 32-bit word at `offset` bytes from `base`, with no alignment requirement.
@inline(__always)
private func loadBigEndian(_ base: UnsafeRawPointer, _ offset: Int) -> UInt32 {
  UInt32(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
}

/// Stores the four lanes of `words` at `buffer[index…index + 3]`.
@inline(__always)
private func storeWords(
  _ words: SIMD4<UInt32>, to buffer: UnsafeMutablePointer<UInt32>, at index: Int
) {
  UnsafeMutableRawPointer(buffer + index).storeBytes(of: words, as: SIMD4<UInt32>.self)
}

/// σ0(x) = ROTR^7(x) ⊕ ROTR^18(x) ⊕ SHR^3(x), lane by lane.
///
/// The shifts are paired so that no pair forms a rotation: LLVM recognises
/// `(x >> 7) ^ (x << 25)` as a rotate, which baseline x86-64 (SSE2) has no vector instruction
/// for, and then runs all four lanes through scalar registers; and it shuffles lanes around when
/// two right shifts of x are XORed directly. This grouping compiles to five shifts and four
/// XORs.
@inline(__always)
private func smallSigma0(_ x: SIMD4<UInt32>) -> SIMD4<UInt32> {
  let first = (x &>> 7) ^ (x &<< 14)
  let second = (x &>> 18) ^ (x &<< 25)
  return first ^ second ^ (x &>> 3)
}

/// σ1(x) = ROTR^17(x) ⊕ ROTR^19(x) ⊕ SHR^10(x), lane by lane, grouped as `smallSigma0` is.
@inline(__always)
private func smallSigma1(_ x: SIMD4<UInt32>) -> SIMD4<UInt32> {
  let first = (x &>> 17) ^ (x &<< 13)
  let second = (x &>> 19) ^ (x &<< 15)
  return first ^ second ^ (x &>> 10)
}

/// W(t…t+3) from W(t−16…t−1), given as four vectors of four consecutive words, and σ0 of
/// the first two: W(t) = σ1(W(t−2)) + W(t−7) + σ0(W(t−15)) + W(t−16).
///
/// σ0 and σ1 are applied to whole vectors and the results shuffled, never to vectors gathered
/// lane by lane: the optimiser scalarises a rotation of gathered lanes, which costs more than
/// the whole schedule. W(t+2) and W(t+3) depend on W(t) and W(t+1), so σ1 is applied twice.
@inline(__always)
private func nextScheduleWords(
  _ minus16: SIMD4<UInt32>, _ sigma0Minus16: SIMD4<UInt32>, _ sigma0Minus12: SIMD4<UInt32>,
  _ minus8: SIMD4<UInt32>, _ minus4: SIMD4<UInt32>
) -> SIMD4<UInt32> {
  let sigma0Minus15 = SIMD4(
    sigma0Minus16[1], sigma0Minus16[2], sigma0Minus16[3], sigma0Minus12[0])
  let minus7 = SIMD4(minus8[1], minus8[2], minus8[3], minus4[0])
  let partial = minus16 &+ sigma0Minus15 &+ minus7
  let sigma1Minus4 = smallSigma1(minus4)
  let low = partial &+ SIMD4(sigma1Minus4[2], sigma1Minus4[3], 0, 0)
  let sigma1Low = smallSigma1(low)
  return low &+ SIMD4(0, 0, sigma1Low[0], sigma1Low[1])
}

// MARK: - Rounds (FIPS 180-4 §6.2.2 step 3, §4.1.2)

/// ROTR^n(x): rotation right by `n` bits.
@inline(__always)
private func rotateRight(_ x: UInt32, _ n: UInt32) -> UInt32 {
  (x &>> n) | (x &<< (32 &- n))
}

/// One round with the eight working variables renamed instead of shifted: the caller rotates
/// the argument order by one position each round, so only `d` (which becomes the new e) and
/// `h` (the new a) are written. `scheduledWord` is W(t) + K(t); `previousAXorB` carries a ⊕ b
/// from round to round.
@inline(__always)
private func round(
  _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
  _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ scheduledWord: UInt32,
  _ previousAXorB: inout UInt32
) {
  // Σ1(e) = ROTR^6 ⊕ ROTR^11 ⊕ ROTR^25; Ch(e, f, g) = (e ∧ f) ⊕ (¬e ∧ g), written with one
  // operation fewer as ((f ⊕ g) ∧ e) ⊕ g. h + W(t) + K(t) is ready rounds before e is, so it
  // is added first, off the critical path.
  let bigSigma1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)
  let choose = ((f ^ g) & e) ^ g
  let t1 = (h &+ scheduledWord) &+ choose &+ bigSigma1
  // Σ0(a) = ROTR^2 ⊕ ROTR^13 ⊕ ROTR^22; Maj(a, b, c) = (a ∧ b) ⊕ (a ∧ c) ⊕ (b ∧ c), written
  // as ((a ⊕ b) ∧ (b ⊕ c)) ⊕ b, where b ⊕ c is the previous round's a ⊕ b (b and c are the
  // previous round's a and b, renamed).
  let bigSigma0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)
  let aXorB = a ^ b
  let majority = (aXorB & previousAXorB) ^ b
  previousAXorB = aXorB
  d &+= t1
  h = t1 &+ bigSigma0 &+ majority
}
