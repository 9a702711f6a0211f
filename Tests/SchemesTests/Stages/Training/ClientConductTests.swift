import SimCore
import Testing

@testable import Schemes

struct ClientConductTests {
  @Test(arguments: [
    (ClientConduct.honest, "honest"), (.silent, "silent"), (.attack(.signFlip), "sign-flip"),
    (.attack(.scale(factor: 3)), "scale:3.0"), (.attack(.freeRider), "free-rider"),
  ])
  func descriptionIsTheScenarioSpellingAndParsesBack(conduct: ClientConduct, text: String)
    throws
  {
    #expect(conduct.description == text)
    #expect(try ClientConduct(parsing: text) == conduct)
  }

  @Test func onlySilentClientsWithholdAndOnlyFreeRidersSkipTraining() {
    #expect(ClientConduct.honest.sendsUpdate && !ClientConduct.silent.sendsUpdate)
    #expect(ClientConduct.attack(.signFlip).sendsUpdate)
    #expect(ClientConduct.attack(.freeRider).skipsTraining)
    #expect(!ClientConduct.silent.skipsTraining && !ClientConduct.honest.skipsTraining)
    #expect(!ClientConduct.attack(.labelFlip).skipsTraining)
  }

  @Test func rejectsAnUnknownConductListingEveryForm() {
    let error = #expect(throws: StageSpecError.self) { try ClientConduct(parsing: "evil") }
    #expect(error?.text == "unknown attack `evil`")
    #expect(error?.accepted.hasPrefix("honest, silent, label-flip") == true)
  }
}
