#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A point on the Earth's surface in decimal degrees, as the Topology Zoo gives PoP locations.
public struct GeoCoordinate: Sendable, Hashable {
  /// Degrees north of the equator, in [-90, 90].
  public var latitude: Double
  /// Degrees east of Greenwich, in [-180, 180].
  public var longitude: Double

  /// The mean Earth radius used for distances: 6,371 km (the IUGG mean radius R₁, rounded).
  public static let earthRadiusKilometres = 6_371.0

  /// A coordinate.
  /// - Precondition: both values are finite and in range.
  public init(latitude: Double, longitude: Double) {
    precondition(
      Self.isValidLatitude(latitude) && Self.isValidLongitude(longitude),
      "GeoCoordinate(latitude: \(latitude), longitude: \(longitude)) is out of range")
    self.latitude = latitude
    self.longitude = longitude
  }

  /// True when `degrees` is a finite latitude in [-90, 90].
  public static func isValidLatitude(_ degrees: Double) -> Bool {
    degrees.isFinite && abs(degrees) <= 90
  }

  /// True when `degrees` is a finite longitude in [-180, 180].
  public static func isValidLongitude(_ degrees: Double) -> Bool {
    degrees.isFinite && abs(degrees) <= 180
  }

  /// The great-circle distance to `other` over a sphere of radius `earthRadiusKilometres`, in km.
  ///
  /// Uses the haversine formula (R. W. Sinnott, "Virtues of the Haversine", *Sky and Telescope*
  /// 68(2):159, 1984), which stays accurate for short distances where the spherical law of
  /// cosines loses digits: a = sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2), d = 2R·asin(√a).
  public func greatCircleDistanceKilometres(to other: GeoCoordinate) -> Double {
    let radiansPerDegree = Double.pi / 180
    let phi1 = latitude * radiansPerDegree
    let phi2 = other.latitude * radiansPerDegree
    let deltaPhi = (other.latitude - latitude) * radiansPerDegree
    let deltaLambda = (other.longitude - longitude) * radiansPerDegree
    let sinHalfPhi = sin(deltaPhi / 2)
    let sinHalfLambda = sin(deltaLambda / 2)
    let a = sinHalfPhi * sinHalfPhi + cos(phi1) * cos(phi2) * sinHalfLambda * sinHalfLambda
    // Rounding can push `a` a hair above 1 for antipodal points; asin would then return NaN.
    return 2 * Self.earthRadiusKilometres * asin(min(1, a).squareRoot())
  }
}
