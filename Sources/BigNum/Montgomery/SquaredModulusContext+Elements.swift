// Residues kept in digit-pair Montgomery form, for callers that chain many products (the
// fixed-base comb of Paillier's randomizers).

extension SquaredModulusContext {
  /// A residue modulo r² in this context's Montgomery form: the base-r digits α, β of
  /// x·R mod r² = α + β·r, both below r. Equal elements of one context hold equal residues.
  /// Use an element only with the context that made it.
  public struct Element: Sendable, Equatable {
    /// α (k limbs) then β (k limbs), least significant first.
    let limbs: [UInt64]
  }

  /// `value` mod r² in Montgomery form.
  /// - Complexity: two divisions, O(k²).
  public func element(_ value: BigUInt) -> Element {
    var ignored: Int64 = 0
    return element(value, limbProducts: &ignored)
  }

  /// `value` mod r² in Montgomery form, adding the divisions' limb products to `limbProducts`.
  /// - Complexity: as `element(_:)`.
  public func element(_ value: BigUInt, limbProducts: inout Int64) -> Element {
    Element(limbs: digits(of: value, limbProducts: &limbProducts))
  }

  /// The residue an element holds, in 0..<modulus.
  /// - Complexity: two reductions and one product of k limbs.
  public func value(of element: Element) -> BigUInt {
    var ignored: Int64 = 0
    return value(of: element, limbProducts: &ignored)
  }

  /// The residue an element holds, adding the limb products to `limbProducts`.
  /// - Complexity: as `value(of:)`.
  public func value(of element: Element, limbProducts: inout Int64) -> BigUInt {
    var products = 0
    let digits = apply(element, element) { workspace, r, a, _ in
      products = workspace.leave(r, a)
    }
    limbProducts += Int64(products)
    return digits.withUnsafeBufferPointer { value(ofDigits: $0, limbProducts: &limbProducts) }
  }

  /// The product `a · b` mod r², in Montgomery form.
  /// - Complexity: `limbProductsPerMultiplication` limb products.
  public func multiply(_ a: Element, _ b: Element) -> Element {
    var ignored: Int64 = 0
    return multiply(a, b, limbProducts: &ignored)
  }

  /// The product `a · b` mod r², adding `limbProductsPerMultiplication` to `limbProducts`.
  public func multiply(_ a: Element, _ b: Element, limbProducts: inout Int64) -> Element {
    var products = 0
    let limbs = apply(a, b) { workspace, r, a, b in products = workspace.multiply(r, a, b) }
    limbProducts += Int64(products)
    return Element(limbs: limbs)
  }

  /// The square `a²` mod r², in Montgomery form.
  /// - Complexity: `limbProductsPerSquaring` limb products.
  public func square(_ a: Element) -> Element {
    var ignored: Int64 = 0
    return square(a, limbProducts: &ignored)
  }

  /// The square `a²` mod r², adding `limbProductsPerSquaring` to `limbProducts`.
  public func square(_ a: Element, limbProducts: inout Int64) -> Element {
    var products = 0
    let limbs = apply(a, a) { workspace, r, a, _ in products = workspace.square(r, a) }
    limbProducts += Int64(products)
    return Element(limbs: limbs)
  }

  /// Runs `step` on the limbs of `a` and `b` with a temporary workspace, writing the 2k result
  /// limbs to a new array.
  private func apply(
    _ a: Element, _ b: Element,
    _ step: (
      SquaredModulusWorkspace, UnsafeMutablePointer<UInt64>, UnsafePointer<UInt64>,
      UnsafePointer<UInt64>
    ) -> Void
  ) -> [UInt64] {
    let count = 2 * limbCount
    precondition(
      a.limbs.count == count && b.limbs.count == count,
      "SquaredModulusContext: an element of \(a.limbs.count) or \(b.limbs.count) limbs does not "
        + "belong to this \(count)-limb context")
    return withUnsafeTemporaryAllocation(
      of: UInt64.self, capacity: SquaredModulusWorkspace.bufferCount(k: limbCount)
    ) { buffer in
      withWorkspace(in: buffer.baseAddress!) { workspace in
        a.limbs.withUnsafeBufferPointer { aLimbs in
          b.limbs.withUnsafeBufferPointer { bLimbs in
            [UInt64](unsafeUninitializedCapacity: count) { result, initialized in
              step(workspace, result.baseAddress!, aLimbs.baseAddress!, bLimbs.baseAddress!)
              initialized = count
            }
          }
        }
      }
    }
  }
}
