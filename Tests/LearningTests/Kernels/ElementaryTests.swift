import Testing

@testable import Learning

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

struct ElementaryTests {
  /// A few ulps of Double: the series are accurate to ~1e−20 and the reduction adds a few roundings.
  private static let relativeTolerance = 4e-16

  @Test func exactAtTheFixedPoints() {
    // e⁰ = 1 and ln 1 = 0 exactly: r = 0 makes every Horner step 1 + 0, and t = 0 makes the
    // series term 0.
    #expect(Elementary.exp(0) == 1)
    #expect(Elementary.log(1) == 0)
    #expect(Elementary.exp(-746) == 0)
    #expect(Elementary.exp(710) == .infinity)
    #expect(Elementary.log(0) == -.infinity)
    #expect(Elementary.log(-1).isNaN)
  }

  @Test func agreesWithTheCLibraryToAFewUlps() {
    // The C library's exp and log are accurate to < 1 ulp (glibc manual, "Errors in Math
    // Functions"), so agreement within 4e−16 relative shows ours is accurate to about 2 ulps.
    for i in 0..<2000 {
      let x = -60 + Double(i) * 0.0371
      let ours = Elementary.exp(x)
      #expect(abs(ours - exp(x)) <= Self.relativeTolerance * exp(x), "exp(\(x))")
      let y = 1e-3 + Double(i) * 0.513
      #expect(
        abs(Elementary.log(y) - log(y)) <= Self.relativeTolerance * max(1, abs(log(y))), "log(\(y))"
      )
    }
    // e¹ = 2.718281828459045 (the nearest double to e).
    #expect(abs(Elementary.exp(1) - 2.718281828459045) <= 4.5e-16)
  }
}
