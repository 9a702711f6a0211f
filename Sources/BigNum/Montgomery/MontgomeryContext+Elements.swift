// Residues kept in Montgomery form, for callers that chain many products (fixed-base combs):
// a Montgomery product costs about two thirds of `multiply(_:_:)`'s product and division.

extension MontgomeryContext {
  /// A residue modulo `modulus` in Montgomery form: x·R mod n with R = 2^(64k), k limbs. Equal
  /// elements of one context hold equal residues. Use an element only with the context that
  /// made it.
  public struct Element: Sendable, Equatable {
    /// x·R mod n, k limbs, least significant first.
    let limbs: [UInt64]
  }

  /// `value` mod n in Montgomery form.
  /// - Complexity: a division when `value` ≥ n, then one Montgomery product.
  public func element(_ value: BigUInt) -> Element {
    var ignored: Int64 = 0
    return element(value, limbProducts: &ignored)
  }

  /// `value` mod n in Montgomery form (its Montgomery product with R² mod n), adding the limb
  /// products to `limbProducts`.
  /// - Complexity: as `element(_:)`.
  public func element(_ value: BigUInt, limbProducts: inout Int64) -> Element {
    let reduced = reduce(value, limbProducts: &limbProducts)
    var padded = reduced.limbs
    padded.append(contentsOf: repeatElement(0, count: limbCount - padded.count))
    let result = padded.withUnsafeBufferPointer { x in
      apply(x.baseAddress!, nil, limbProducts: &limbProducts) { workspace, r, a, _ in
        workspace.multiply(r, a, workspace.rSquared)
      }
    }
    return Element(limbs: result)
  }

  /// The residue an element holds, in 0..<modulus: one reduction of x·R, which gives x.
  /// - Complexity: one Montgomery reduction, O(k²).
  public func value(of element: Element) -> BigUInt {
    var ignored: Int64 = 0
    return value(of: element, limbProducts: &ignored)
  }

  /// The residue an element holds, adding the reduction's limb products to `limbProducts`.
  public func value(of element: Element, limbProducts: inout Int64) -> BigUInt {
    let limbs = element.limbs.withUnsafeBufferPointer { x in
      apply(x.baseAddress!, nil, limbProducts: &limbProducts) { workspace, r, a, _ in
        workspace.product.update(from: a, count: limbCount)
        (workspace.product + limbCount).update(repeating: 0, count: limbCount)
        return workspace.reduce(into: r)
      }
    }
    return BigUInt(limbs: limbs)
  }

  /// The product `a · b` mod n, in Montgomery form.
  /// - Complexity: `limbProductsPerMultiplication` limb products.
  public func multiply(_ a: Element, _ b: Element) -> Element {
    var ignored: Int64 = 0
    return multiply(a, b, limbProducts: &ignored)
  }

  /// The product `a · b` mod n, adding `limbProductsPerMultiplication` to `limbProducts`.
  public func multiply(_ a: Element, _ b: Element, limbProducts: inout Int64) -> Element {
    checkBelongs(a)
    checkBelongs(b)
    let limbs = a.limbs.withUnsafeBufferPointer { x in
      b.limbs.withUnsafeBufferPointer { y in
        apply(x.baseAddress!, y.baseAddress!, limbProducts: &limbProducts) {
          workspace, r, a, b in workspace.multiply(r, a, b!)
        }
      }
    }
    return Element(limbs: limbs)
  }

  /// The square `a²` mod n, in Montgomery form.
  /// - Complexity: `limbProductsPerSquaring` limb products.
  public func square(_ a: Element) -> Element {
    var ignored: Int64 = 0
    return square(a, limbProducts: &ignored)
  }

  /// The square `a²` mod n, adding `limbProductsPerSquaring` to `limbProducts`.
  public func square(_ a: Element, limbProducts: inout Int64) -> Element {
    checkBelongs(a)
    let limbs = a.limbs.withUnsafeBufferPointer { x in
      apply(x.baseAddress!, nil, limbProducts: &limbProducts) { workspace, r, a, _ in
        workspace.square(r, a)
      }
    }
    return Element(limbs: limbs)
  }

  private func checkBelongs(_ element: Element) {
    precondition(
      element.limbs.count == limbCount,
      "MontgomeryContext: an element of \(element.limbs.count) limbs does not belong to this "
        + "\(limbCount)-limb context")
  }

  /// Runs `step` on k-limb operands with a temporary workspace, writing k result limbs to a
  /// new array and adding the step's limb products to `limbProducts`.
  private func apply(
    _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>?, limbProducts: inout Int64,
    _ step: (
      MontgomeryWorkspace, UnsafeMutablePointer<UInt64>, UnsafePointer<UInt64>,
      UnsafePointer<UInt64>?
    ) -> Int
  ) -> [UInt64] {
    let k = limbCount
    var products = 0
    let result = withUnsafeTemporaryAllocation(
      of: UInt64.self, capacity: MontgomeryWorkspace.bufferCount(k: k)
    ) { buffer in
      withWorkspace(in: buffer.baseAddress!) { workspace in
        [UInt64](unsafeUninitializedCapacity: k) { result, initialized in
          products = step(workspace, result.baseAddress!, a, b)
          initialized = k
        }
      }
    }
    limbProducts += Int64(products)
    return result
  }
}
