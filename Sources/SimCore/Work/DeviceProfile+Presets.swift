// The shipped device profiles. Figures are per core and deliberately round: they place each class
// of device within a factor of about two of real hardware, which is what a comparison of schemes
// needs. Server-class figures are anchored on measurements of this project's reference machine
// (`shared/anchors/RESULTS-2026-11-21.md`, AMD EPYC, AVX-512, SHA-NI); device-class figures scale
// them by published ratios cited per profile. `fedchain-bench` re-measures our own kernels.

extension DeviceProfile {
  /// An IoT end device of the Raspberry Pi 3 B+ class (Cortex-A53 at 1.4 GHz, no crypto
  /// extensions), one core given to FL.
  ///
  /// - 1 GFLOP/s: the A53 issues one 4-wide NEON fp32 FMA per two cycles (~5.6 GFLOP/s peak);
  ///   small-batch training reaches roughly a fifth of peak.
  /// - SHA-256 70 MB/s, ChaCha20 200 MB/s: `openssl speed` figures commonly reported for the Pi 3.
  /// - 2·10⁸ limb products/s: A53 `mul`+`umulh` pairs at about one per 7 cycles.
  /// - 3,000 Curve25519 scalar multiplications/s (≈330 µs each, ref10-class code on A53).
  public static let iotDevice = DeviceProfile(
    name: "iot-device", flopsPerSecond: 1_000_000_000, limbMultiplicationsPerSecond: 200_000_000,
    hashBytesPerSecond: 70_000_000, cipherBytesPerSecond: 200_000_000,
    curveScalarMultiplicationsPerSecond: 3_000)

  /// A current smartphone big core (Cortex-A76 class, 2.8 GHz, ARMv8 crypto extensions).
  ///
  /// - 8 GFLOP/s: two 4-wide NEON FMA pipes (~45 GFLOP/s peak) at under a fifth in training.
  /// - SHA-256 1.5 GB/s with the SHA2 instructions; ChaCha20 1 GB/s in NEON.
  /// - 10⁹ limb products/s; 20,000 Curve25519 scalar multiplications/s.
  public static let smartphone = DeviceProfile(
    name: "smartphone", flopsPerSecond: 8_000_000_000, limbMultiplicationsPerSecond: 1_000_000_000,
    hashBytesPerSecond: 1_500_000_000, cipherBytesPerSecond: 1_000_000_000,
    curveScalarMultiplicationsPerSecond: 20_000)

  /// An edge (MEC) server core: x86-64 with AVX2 at about 2.5 GHz, without SHA-NI.
  ///
  /// - 40 GFLOP/s: OpenBLAS single-thread AVX2 sgemm measures 110 GFLOP/s on the reference
  ///   machine (`sgemm_*_t1_Haswell`); training with its small matrices gets about a third.
  /// - SHA-256 690 MB/s: `openssl_sha256_16384B_noshani` on the reference machine.
  /// - 2·10⁹ limb products/s: GMP's 4096-bit powmod with a 2048-bit exponent runs 115/s there,
  ///   ≈2,450 Montgomery products of 64 limbs (≈8,300 limb products each) per powmod.
  /// - ChaCha20 2 GB/s (AVX2); 40,000 Curve25519 scalar multiplications/s.
  public static let edgeServer = DeviceProfile(
    name: "edge-server", flopsPerSecond: 40_000_000_000,
    limbMultiplicationsPerSecond: 2_000_000_000,
    hashBytesPerSecond: 690_000_000, cipherBytesPerSecond: 2_000_000_000,
    curveScalarMultiplicationsPerSecond: 40_000)

  /// A cloud server core: x86-64 with AVX-512 and SHA-NI, the reference machine's class.
  ///
  /// - 60 GFLOP/s: a third of the 177 GFLOP/s single-thread AVX-512 sgemm measured there.
  /// - SHA-256 1.9 GB/s: `openssl_sha256_16384B_shani`.
  /// - 2.3·10⁹ limb products/s (GMP powmod as above); ChaCha20 3 GB/s; 50,000 scalar mult/s.
  public static let cloudServer = DeviceProfile(
    name: "cloud-server", flopsPerSecond: 60_000_000_000,
    limbMultiplicationsPerSecond: 2_300_000_000,
    hashBytesPerSecond: 1_900_000_000, cipherBytesPerSecond: 3_000_000_000,
    curveScalarMultiplicationsPerSecond: 50_000)

  /// The shipped profiles, in the order documentation lists them.
  public static let presets: [DeviceProfile] = [.iotDevice, .smartphone, .edgeServer, .cloudServer]

  /// The shipped profile called `name`, or nil.
  public static func preset(named name: String) -> DeviceProfile? {
    presets.first { $0.name == name }
  }
}
