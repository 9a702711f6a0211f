// MARK: - Compression function (FIPS 180-4 §6.4.2)

extension SHA512 {
  /// Runs the SHA-512 compression function over `count` consecutive 128-byte blocks starting at
  /// `blocks`, updating `state` in place.
  ///
  /// The 80 rounds are written out so that every round constant K(t) is an immediate operand
  /// and the message schedule lives in sixteen local words (a ring: W(t) overwrites W(t−16));
  /// nothing is indexed, so there are no bounds checks and no memory traffic but the loads.
  /// - Complexity: O(`count`).
  static func compress(_ state: inout State, blocks: UnsafeRawPointer, count: Int) {
    var block = blocks
    for _ in 0..<count {
      // Message words W0…W15, big-endian (FIPS 180-4 §5.2.1 / §5.2.2).
      var w0 = loadBigEndian(block, 0)
      var w1 = loadBigEndian(block, 8)
      var w2 = loadBigEndian(block, 16)
      var w3 = loadBigEndian(block, 24)
      var w4 = loadBigEndian(block, 32)
      var w5 = loadBigEndian(block, 40)
      var w6 = loadBigEndian(block, 48)
      var w7 = loadBigEndian(block, 56)
      var w8 = loadBigEndian(block, 64)
      var w9 = loadBigEndian(block, 72)
      var w10 = loadBigEndian(block, 80)
      var w11 = loadBigEndian(block, 88)
      var w12 = loadBigEndian(block, 96)
      var w13 = loadBigEndian(block, 104)
      var w14 = loadBigEndian(block, 112)
      var w15 = loadBigEndian(block, 120)
      var a = state.h0
      var b = state.h1
      var c = state.h2
      var d = state.h3
      var e = state.h4
      var f = state.h5
      var g = state.h6
      var h = state.h7
      // Rounds 0–15 use the message words as loaded.
      round(a, b, c, &d, e, f, g, &h, 0x428a2f98_d728ae22 &+ w0)
      round(h, a, b, &c, d, e, f, &g, 0x71374491_23ef65cd &+ w1)
      round(g, h, a, &b, c, d, e, &f, 0xb5c0fbcf_ec4d3b2f &+ w2)
      round(f, g, h, &a, b, c, d, &e, 0xe9b5dba5_8189dbbc &+ w3)
      round(e, f, g, &h, a, b, c, &d, 0x3956c25b_f348b538 &+ w4)
      round(d, e, f, &g, h, a, b, &c, 0x59f111f1_b605d019 &+ w5)
      round(c, d, e, &f, g, h, a, &b, 0x923f82a4_af194f9b &+ w6)
      round(b, c, d, &e, f, g, h, &a, 0xab1c5ed5_da6d8118 &+ w7)
      round(a, b, c, &d, e, f, g, &h, 0xd807aa98_a3030242 &+ w8)
      round(h, a, b, &c, d, e, f, &g, 0x12835b01_45706fbe &+ w9)
      round(g, h, a, &b, c, d, e, &f, 0x243185be_4ee4b28c &+ w10)
      round(f, g, h, &a, b, c, d, &e, 0x550c7dc3_d5ffb4e2 &+ w11)
      round(e, f, g, &h, a, b, c, &d, 0x72be5d74_f27b896f &+ w12)
      round(d, e, f, &g, h, a, b, &c, 0x80deb1fe_3b1696b1 &+ w13)
      round(c, d, e, &f, g, h, a, &b, 0x9bdc06a7_25c71235 &+ w14)
      round(b, c, d, &e, f, g, h, &a, 0xc19bf174_cf692694 &+ w15)
      // Rounds 16–31: each first extends the schedule in place (W[t] ring of 16).
      w0 = schedule(w0, w1, w9, w14)
      round(a, b, c, &d, e, f, g, &h, 0xe49b69c1_9ef14ad2 &+ w0)
      w1 = schedule(w1, w2, w10, w15)
      round(h, a, b, &c, d, e, f, &g, 0xefbe4786_384f25e3 &+ w1)
      w2 = schedule(w2, w3, w11, w0)
      round(g, h, a, &b, c, d, e, &f, 0x0fc19dc6_8b8cd5b5 &+ w2)
      w3 = schedule(w3, w4, w12, w1)
      round(f, g, h, &a, b, c, d, &e, 0x240ca1cc_77ac9c65 &+ w3)
      w4 = schedule(w4, w5, w13, w2)
      round(e, f, g, &h, a, b, c, &d, 0x2de92c6f_592b0275 &+ w4)
      w5 = schedule(w5, w6, w14, w3)
      round(d, e, f, &g, h, a, b, &c, 0x4a7484aa_6ea6e483 &+ w5)
      w6 = schedule(w6, w7, w15, w4)
      round(c, d, e, &f, g, h, a, &b, 0x5cb0a9dc_bd41fbd4 &+ w6)
      w7 = schedule(w7, w8, w0, w5)
      round(b, c, d, &e, f, g, h, &a, 0x76f988da_831153b5 &+ w7)
      w8 = schedule(w8, w9, w1, w6)
      round(a, b, c, &d, e, f, g, &h, 0x983e5152_ee66dfab &+ w8)
      w9 = schedule(w9, w10, w2, w7)
      round(h, a, b, &c, d, e, f, &g, 0xa831c66d_2db43210 &+ w9)
      w10 = schedule(w10, w11, w3, w8)
      round(g, h, a, &b, c, d, e, &f, 0xb00327c8_98fb213f &+ w10)
      w11 = schedule(w11, w12, w4, w9)
      round(f, g, h, &a, b, c, d, &e, 0xbf597fc7_beef0ee4 &+ w11)
      w12 = schedule(w12, w13, w5, w10)
      round(e, f, g, &h, a, b, c, &d, 0xc6e00bf3_3da88fc2 &+ w12)
      w13 = schedule(w13, w14, w6, w11)
      round(d, e, f, &g, h, a, b, &c, 0xd5a79147_930aa725 &+ w13)
      w14 = schedule(w14, w15, w7, w12)
      round(c, d, e, &f, g, h, a, &b, 0x06ca6351_e003826f &+ w14)
      w15 = schedule(w15, w0, w8, w13)
      round(b, c, d, &e, f, g, h, &a, 0x14292967_0a0e6e70 &+ w15)
      // Rounds 32–47: each first extends the schedule in place (W[t] ring of 16).
      w0 = schedule(w0, w1, w9, w14)
      round(a, b, c, &d, e, f, g, &h, 0x27b70a85_46d22ffc &+ w0)
      w1 = schedule(w1, w2, w10, w15)
      round(h, a, b, &c, d, e, f, &g, 0x2e1b2138_5c26c926 &+ w1)
      w2 = schedule(w2, w3, w11, w0)
      round(g, h, a, &b, c, d, e, &f, 0x4d2c6dfc_5ac42aed &+ w2)
      w3 = schedule(w3, w4, w12, w1)
      round(f, g, h, &a, b, c, d, &e, 0x53380d13_9d95b3df &+ w3)
      w4 = schedule(w4, w5, w13, w2)
      round(e, f, g, &h, a, b, c, &d, 0x650a7354_8baf63de &+ w4)
      w5 = schedule(w5, w6, w14, w3)
      round(d, e, f, &g, h, a, b, &c, 0x766a0abb_3c77b2a8 &+ w5)
      w6 = schedule(w6, w7, w15, w4)
      round(c, d, e, &f, g, h, a, &b, 0x81c2c92e_47edaee6 &+ w6)
      w7 = schedule(w7, w8, w0, w5)
      round(b, c, d, &e, f, g, h, &a, 0x92722c85_1482353b &+ w7)
      w8 = schedule(w8, w9, w1, w6)
      round(a, b, c, &d, e, f, g, &h, 0xa2bfe8a1_4cf10364 &+ w8)
      w9 = schedule(w9, w10, w2, w7)
      round(h, a, b, &c, d, e, f, &g, 0xa81a664b_bc423001 &+ w9)
      w10 = schedule(w10, w11, w3, w8)
      round(g, h, a, &b, c, d, e, &f, 0xc24b8b70_d0f89791 &+ w10)
      w11 = schedule(w11, w12, w4, w9)
      round(f, g, h, &a, b, c, d, &e, 0xc76c51a3_0654be30 &+ w11)
      w12 = schedule(w12, w13, w5, w10)
      round(e, f, g, &h, a, b, c, &d, 0xd192e819_d6ef5218 &+ w12)
      w13 = schedule(w13, w14, w6, w11)
      round(d, e, f, &g, h, a, b, &c, 0xd6990624_5565a910 &+ w13)
      w14 = schedule(w14, w15, w7, w12)
      round(c, d, e, &f, g, h, a, &b, 0xf40e3585_5771202a &+ w14)
      w15 = schedule(w15, w0, w8, w13)
      round(b, c, d, &e, f, g, h, &a, 0x106aa070_32bbd1b8 &+ w15)
      // Rounds 48–63: each first extends the schedule in place (W[t] ring of 16).
      w0 = schedule(w0, w1, w9, w14)
      round(a, b, c, &d, e, f, g, &h, 0x19a4c116_b8d2d0c8 &+ w0)
      w1 = schedule(w1, w2, w10, w15)
      round(h, a, b, &c, d, e, f, &g, 0x1e376c08_5141ab53 &+ w1)
      w2 = schedule(w2, w3, w11, w0)
      round(g, h, a, &b, c, d, e, &f, 0x2748774c_df8eeb99 &+ w2)
      w3 = schedule(w3, w4, w12, w1)
      round(f, g, h, &a, b, c, d, &e, 0x34b0bcb5_e19b48a8 &+ w3)
      w4 = schedule(w4, w5, w13, w2)
      round(e, f, g, &h, a, b, c, &d, 0x391c0cb3_c5c95a63 &+ w4)
      w5 = schedule(w5, w6, w14, w3)
      round(d, e, f, &g, h, a, b, &c, 0x4ed8aa4a_e3418acb &+ w5)
      w6 = schedule(w6, w7, w15, w4)
      round(c, d, e, &f, g, h, a, &b, 0x5b9cca4f_7763e373 &+ w6)
      w7 = schedule(w7, w8, w0, w5)
      round(b, c, d, &e, f, g, h, &a, 0x682e6ff3_d6b2b8a3 &+ w7)
      w8 = schedule(w8, w9, w1, w6)
      round(a, b, c, &d, e, f, g, &h, 0x748f82ee_5defb2fc &+ w8)
      w9 = schedule(w9, w10, w2, w7)
      round(h, a, b, &c, d, e, f, &g, 0x78a5636f_43172f60 &+ w9)
      w10 = schedule(w10, w11, w3, w8)
      round(g, h, a, &b, c, d, e, &f, 0x84c87814_a1f0ab72 &+ w10)
      w11 = schedule(w11, w12, w4, w9)
      round(f, g, h, &a, b, c, d, &e, 0x8cc70208_1a6439ec &+ w11)
      w12 = schedule(w12, w13, w5, w10)
      round(e, f, g, &h, a, b, c, &d, 0x90befffa_23631e28 &+ w12)
      w13 = schedule(w13, w14, w6, w11)
      round(d, e, f, &g, h, a, b, &c, 0xa4506ceb_de82bde9 &+ w13)
      w14 = schedule(w14, w15, w7, w12)
      round(c, d, e, &f, g, h, a, &b, 0xbef9a3f7_b2c67915 &+ w14)
      w15 = schedule(w15, w0, w8, w13)
      round(b, c, d, &e, f, g, h, &a, 0xc67178f2_e372532b &+ w15)
      // Rounds 64–79: each first extends the schedule in place (W[t] ring of 16).
      w0 = schedule(w0, w1, w9, w14)
      round(a, b, c, &d, e, f, g, &h, 0xca273ece_ea26619c &+ w0)
      w1 = schedule(w1, w2, w10, w15)
      round(h, a, b, &c, d, e, f, &g, 0xd186b8c7_21c0c207 &+ w1)
      w2 = schedule(w2, w3, w11, w0)
      round(g, h, a, &b, c, d, e, &f, 0xeada7dd6_cde0eb1e &+ w2)
      w3 = schedule(w3, w4, w12, w1)
      round(f, g, h, &a, b, c, d, &e, 0xf57d4f7f_ee6ed178 &+ w3)
      w4 = schedule(w4, w5, w13, w2)
      round(e, f, g, &h, a, b, c, &d, 0x06f067aa_72176fba &+ w4)
      w5 = schedule(w5, w6, w14, w3)
      round(d, e, f, &g, h, a, b, &c, 0x0a637dc5_a2c898a6 &+ w5)
      w6 = schedule(w6, w7, w15, w4)
      round(c, d, e, &f, g, h, a, &b, 0x113f9804_bef90dae &+ w6)
      w7 = schedule(w7, w8, w0, w5)
      round(b, c, d, &e, f, g, h, &a, 0x1b710b35_131c471b &+ w7)
      w8 = schedule(w8, w9, w1, w6)
      round(a, b, c, &d, e, f, g, &h, 0x28db77f5_23047d84 &+ w8)
      w9 = schedule(w9, w10, w2, w7)
      round(h, a, b, &c, d, e, f, &g, 0x32caab7b_40c72493 &+ w9)
      w10 = schedule(w10, w11, w3, w8)
      round(g, h, a, &b, c, d, e, &f, 0x3c9ebe0a_15c9bebc &+ w10)
      w11 = schedule(w11, w12, w4, w9)
      round(f, g, h, &a, b, c, d, &e, 0x431d67c4_9c100d4c &+ w11)
      w12 = schedule(w12, w13, w5, w10)
      round(e, f, g, &h, a, b, c, &d, 0x4cc5d4be_cb3e42b6 &+ w12)
      w13 = schedule(w13, w14, w6, w11)
      round(d, e, f, &g, h, a, b, &c, 0x597f299c_fc657e2a &+ w13)
      w14 = schedule(w14, w15, w7, w12)
      round(c, d, e, &f, g, h, a, &b, 0x5fcb6fab_3ad6faec &+ w14)
      w15 = schedule(w15, w0, w8, w13)
      round(b, c, d, &e, f, g, h, &a, 0x6c44198c_4a475817 &+ w15)
      state.h0 &+= a
      state.h1 &+= b
      state.h2 &+= c
      state.h3 &+= d
      state.h4 &+= e
      state.h5 &+= f
      state.h6 &+= g
      state.h7 &+= h
      block += 128
    }
  }
}

// MARK: - Round helpers (FIPS 180-4 §4.1.3, §4.2.3)

/// The big-endian 64-bit word at `offset` bytes from `base`, with no alignment requirement.
@inline(__always)
private func loadBigEndian(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
  UInt64(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
}

/// ROTR^n(x): rotation right by `n` bits.
@inline(__always)
private func rotateRight(_ x: UInt64, _ n: UInt64) -> UInt64 {
  (x &>> n) | (x &<< (64 &- n))
}

/// One round (FIPS 180-4 §6.4.2 step 3) with the eight working variables renamed instead of
/// shifted: the caller rotates the argument order by one position each round, so only `d`
/// (which becomes the new e) and `h` (the new a) are written.
@inline(__always)
private func round(
  _ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: inout UInt64,
  _ e: UInt64, _ f: UInt64, _ g: UInt64, _ h: inout UInt64, _ constantPlusWord: UInt64
) {
  // Σ1(e) = ROTR^14 ⊕ ROTR^18 ⊕ ROTR^41; Ch(e, f, g) = (e ∧ f) ⊕ (¬e ∧ g), written with one
  // operation fewer as ((f ⊕ g) ∧ e) ⊕ g.
  let bigSigma1 = rotateRight(e, 14) ^ rotateRight(e, 18) ^ rotateRight(e, 41)
  let choose = ((f ^ g) & e) ^ g
  let t1 = h &+ bigSigma1 &+ choose &+ constantPlusWord
  // Σ0(a) = ROTR^28 ⊕ ROTR^34 ⊕ ROTR^39; Maj(a, b, c) = (a ∧ b) ⊕ (a ∧ c) ⊕ (b ∧ c), written
  // as ((a ⊕ b) ∧ (b ⊕ c)) ⊕ b.
  let bigSigma0 = rotateRight(a, 28) ^ rotateRight(a, 34) ^ rotateRight(a, 39)
  let majority = ((a ^ b) & (b ^ c)) ^ b
  d &+= t1
  h = t1 &+ bigSigma0 &+ majority
}

/// W(t) = σ1(W(t−2)) + W(t−7) + σ0(W(t−15)) + W(t−16) (FIPS 180-4 §6.4.2 step 1), where
/// σ0 = ROTR^1 ⊕ ROTR^8 ⊕ SHR^7 and σ1 = ROTR^19 ⊕ ROTR^61 ⊕ SHR^6.
@inline(__always)
private func schedule(
  _ minus16: UInt64, _ minus15: UInt64, _ minus7: UInt64, _ minus2: UInt64
) -> UInt64 {
  let smallSigma0 = rotateRight(minus15, 1) ^ rotateRight(minus15, 8) ^ (minus15 &>> 7)
  let smallSigma1 = rotateRight(minus2, 19) ^ rotateRight(minus2, 61) ^ (minus2 &>> 6)
  return smallSigma1 &+ minus7 &+ smallSigma0 &+ minus16
}
