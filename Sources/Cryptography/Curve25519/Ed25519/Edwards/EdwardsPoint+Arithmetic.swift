// Point addition and doubling on edwards25519 with the a = −1 formulas of RFC 8032 §5.1.4
// (Hisil et al. 2008, "add-2008-hwcd-3" and "dbl-2008-hwcd"). Both end with four values E, F,
// G, H and the result (E·F : G·H : F·G : E·H); keeping the four ("completed" form) lets a chain of
// doublings skip the T coordinate it does not read (the representations of Bernstein et al.,
// "High-speed high-security signatures", 2012, §4).

extension EdwardsPoint {
  /// A sum or double before its final products: the point (E·F : G·H : F·G : E·H).
  struct Completed: Sendable {
    var e: FieldElement25519
    var f: FieldElement25519
    var g: FieldElement25519
    var h: FieldElement25519

    /// The point in extended coordinates (4 multiplications).
    @inline(__always)
    var extended: EdwardsPoint {
      EdwardsPoint(
        x: e.multiplied(by: f), y: g.multiplied(by: h), z: f.multiplied(by: g),
        t: e.multiplied(by: h))
    }

    /// The point without T, enough for a following doubling (3 multiplications).
    @inline(__always)
    var projective: Projective {
      Projective(x: e.multiplied(by: f), y: g.multiplied(by: h), z: f.multiplied(by: g))
    }
  }

  /// A point as (X : Y : Z) only, the input of doubling.
  struct Projective: Sendable {
    var x: FieldElement25519
    var y: FieldElement25519
    var z: FieldElement25519

    /// 2·P (RFC 8032 §5.1.4 doubling: 4 squarings, no multiplication before the completion).
    @inline(__always)
    func doubled() -> Completed {
      let a = x.squared()
      let b = y.squared()
      let zz = z.squared()
      let c = zz + zz
      let h = a + b
      let e = h - (x + y).squared()
      let g = a - b
      let f = c + g
      return Completed(e: e, f: f, g: g, h: h)
    }
  }

  /// A point prepared as an addend: (Y + X, Y − X, Z, 2d·T).
  struct Cached: Sendable {
    var yPlusX: FieldElement25519
    var yMinusX: FieldElement25519
    var z: FieldElement25519
    var t2d: FieldElement25519

    /// −P: swapping Y + X with Y − X negates x, and 2d·T changes sign with x.
    @inline(__always)
    var negated: Cached {
      Cached(yPlusX: yMinusX, yMinusX: yPlusX, z: z, t2d: -t2d)
    }

    /// Replaces `self` with `other` when `condition` is 1, without branching.
    @inline(__always)
    mutating func conditionallyAssign(_ other: Cached, if condition: UInt64) {
      yPlusX.conditionallyAssign(other.yPlusX, if: condition)
      yMinusX.conditionallyAssign(other.yMinusX, if: condition)
      z.conditionallyAssign(other.z, if: condition)
      t2d.conditionallyAssign(other.t2d, if: condition)
    }
  }

  /// An affine point (Z = 1) prepared as an addend: (y + x, y − x, 2d·x·y). Used for the fixed
  /// table of base-point multiples, where it saves one multiplication per addition.
  struct AffineCached: Sendable {
    var yPlusX: FieldElement25519
    var yMinusX: FieldElement25519
    var xy2d: FieldElement25519

    /// The identity (0, 1) in this form.
    static let identity = AffineCached(yPlusX: .one, yMinusX: .one, xy2d: .zero)

    /// −P, as for `Cached.negated`.
    @inline(__always)
    var negated: AffineCached {
      AffineCached(yPlusX: yMinusX, yMinusX: yPlusX, xy2d: -xy2d)
    }

    /// Replaces `self` with `other` when `condition` is 1, without branching.
    @inline(__always)
    mutating func conditionallyAssign(_ other: AffineCached, if condition: UInt64) {
      yPlusX.conditionallyAssign(other.yPlusX, if: condition)
      yMinusX.conditionallyAssign(other.yMinusX, if: condition)
      xy2d.conditionallyAssign(other.xy2d, if: condition)
    }
  }

  /// The point without T.
  @inline(__always)
  var projective: Projective { Projective(x: x, y: y, z: z) }

  /// The point prepared as an addend (1 multiplication).
  var cached: Cached {
    Cached(yPlusX: y + x, yMinusX: y - x, z: z, t2d: t.multiplied(by: EdwardsPoint.twoD))
  }

  /// The point prepared as an affine addend (one inversion).
  var affineCached: AffineCached {
    let zInverse = z.inverted()
    let affineX = x.multiplied(by: zInverse)
    let affineY = y.multiplied(by: zInverse)
    return AffineCached(
      yPlusX: (affineY + affineX).carried(), yMinusX: affineY - affineX,
      xy2d: affineX.multiplied(by: affineY).multiplied(by: EdwardsPoint.twoD))
  }

  /// −P = (−X : Y : Z : −T).
  var negated: EdwardsPoint {
    EdwardsPoint(x: -x, y: y, z: z, t: -t)
  }

  /// P + Q (RFC 8032 §5.1.4 addition: 8 multiplications with the completion).
  @inline(__always)
  func adding(_ q: Cached) -> Completed {
    let a = (y - x).multiplied(by: q.yMinusX)
    let b = (y + x).multiplied(by: q.yPlusX)
    let c = t.multiplied(by: q.t2d)
    let zz = z.multiplied(by: q.z)
    let d = zz + zz
    return Completed(e: b - a, f: d - c, g: d + c, h: b + a)
  }

  /// P + Q for an affine Q (7 multiplications with the completion).
  @inline(__always)
  func adding(_ q: AffineCached) -> Completed {
    let a = (y - x).multiplied(by: q.yMinusX)
    let b = (y + x).multiplied(by: q.yPlusX)
    let c = t.multiplied(by: q.xy2d)
    let d = z + z
    return Completed(e: b - a, f: d - c, g: d + c, h: b + a)
  }

  /// 2·P in extended coordinates.
  func doubled() -> EdwardsPoint {
    projective.doubled().extended
  }

  /// True when both points are the same affine point (X₁Z₂ = X₂Z₁ and Y₁Z₂ = Y₂Z₁).
  func isEqual(to other: EdwardsPoint) -> Bool {
    x.multiplied(by: other.z).isEqual(to: other.x.multiplied(by: z))
      && y.multiplied(by: other.z).isEqual(to: other.y.multiplied(by: z))
  }
}
