#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

// Our own distributions, so that a toolchain update cannot change the numbers a seed gives (the
// standard library's `random(in:using:)` and `shuffled(using:)` promise no stable sequence).

extension RandomNumberGenerator {
  /// A uniform double in [0, 1) with 53 random bits.
  @inlinable public mutating func nextUnitDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform double in (0, 1]: safe to take the logarithm of.
  @inlinable public mutating func nextOpenUnitDouble() -> Double {
    Double((next() >> 11) + 1) * 0x1.0p-53
  }

  /// A uniform integer in `0..<bound`, without modulo bias (Lemire, ACM TOMACS 2019).
  /// - Precondition: `bound > 0`.
  @inlinable public mutating func nextInt(below bound: Int) -> Int {
    precondition(bound > 0, "nextInt(below:) needs a positive bound, got \(bound)")
    let range = UInt64(bound)
    var product = next().multipliedFullWidth(by: range)
    if product.low < range {
      let threshold = (0 &- range) % range
      while product.low < threshold { product = next().multipliedFullWidth(by: range) }
    }
    return Int(product.high)
  }

  /// A uniform integer in `range`.
  @inlinable public mutating func nextInt(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + nextInt(below: range.upperBound - range.lowerBound + 1)
  }

  /// An exponential variate with the given mean (inverse transform).
  /// - Precondition: `mean > 0`.
  @inlinable public mutating func nextExponential(mean: Double) -> Double {
    precondition(mean > 0, "nextExponential needs a positive mean, got \(mean)")
    return -log(nextOpenUnitDouble()) * mean
  }

  /// A normal variate (Marsaglia's polar method; one of the pair is discarded so that each call
  /// consumes a self-contained run of draws and keeps streams easy to reason about).
  @inlinable public mutating func nextNormal(mean: Double = 0, standardDeviation: Double = 1)
    -> Double
  {
    while true {
      let u = 2 * nextUnitDouble() - 1
      let v = 2 * nextUnitDouble() - 1
      let s = u * u + v * v
      if s > 0 && s < 1 {
        return mean + standardDeviation * u * (-2 * log(s) / s).squareRoot()
      }
    }
  }

  /// A log-normal variate: `exp(N(mu, sigma))`, with `mu`, `sigma` of the underlying normal.
  @inlinable public mutating func nextLogNormal(mu: Double, sigma: Double) -> Double {
    exp(nextNormal(mean: mu, standardDeviation: sigma))
  }

  /// A Laplace variate with location 0 and scale `b` (inverse transform).
  @inlinable public mutating func nextLaplace(scale b: Double) -> Double {
    // u must avoid −0.5 exactly, where log(1 − 2|u|) = log 0 would give an infinite variate.
    var u = nextUnitDouble() - 0.5
    while u == -0.5 { u = nextUnitDouble() - 0.5 }
    let magnitude = -b * log(1 - 2 * abs(u))
    return u < 0 ? -magnitude : magnitude
  }

  /// A gamma variate with shape `k` and scale 1 (Marsaglia and Tsang, ACM TOMS 2000); used for
  /// Dirichlet partitions.
  public mutating func nextGamma(shape k: Double) -> Double {
    precondition(k > 0, "nextGamma needs a positive shape, got \(k)")
    if k < 1 {
      // Boost: Gamma(k) = Gamma(k + 1) · U^(1/k).
      return nextGamma(shape: k + 1) * pow(nextOpenUnitDouble(), 1 / k)
    }
    let d = k - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x: Double
      var v: Double
      repeat {
        x = nextNormal()
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = nextOpenUnitDouble()
      if u < 1 - 0.0331 * x * x * x * x { return d * v }
      if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
    }
  }

  /// Shuffles `array` in place (Fisher–Yates, drawing with `nextInt(below:)`).
  @inlinable public mutating func shuffle<T>(_ array: inout [T]) {
    var i = array.count
    while i > 1 {
      let j = nextInt(below: i)
      i -= 1
      array.swapAt(i, j)
    }
  }

  /// `count` distinct indices from `0..<population`, in ascending order (partial Fisher–Yates).
  public mutating func sampleIndices(_ count: Int, from population: Int) -> [Int] {
    precondition(count >= 0 && count <= population, "cannot sample \(count) of \(population)")
    var pool = Array(0..<population)
    for i in 0..<count {
      let j = i + nextInt(below: population - i)
      pool.swapAt(i, j)
    }
    return pool[0..<count].sorted()
  }
}
