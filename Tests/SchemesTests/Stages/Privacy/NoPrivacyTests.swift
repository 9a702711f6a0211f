import SimCore
import Testing

@testable import Schemes

struct NoPrivacyTests {
  @Test func leavesTheUpdateAloneAndClaimsNothing() {
    var delta: [Float] = [3, -4, 12]
    var generator = Xoshiro256StarStar(seed: 5)
    var untouched = Xoshiro256StarStar(seed: 5)
    let stage = NoPrivacy()
    #expect(stage.protect(&delta, using: &generator) == .zero)
    #expect(delta == [3, -4, 12])
    #expect(generator.next() == untouched.next())  // nothing drawn
    #expect(stage.lossPerUpdate == nil)
    #expect(stage.description == "none")
  }
}
