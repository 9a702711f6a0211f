import Schemes
import SimCore
import Testing

struct ReputationSelectionTests {
  private func context(_ book: ReputationBook, perRound: Int) -> SelectionContext {
    SelectionContext(
      round: 2, clientCount: book.clientCount, clientsPerRound: perRound, reputation: book,
      stakes: Array(repeating: 1, count: book.clientCount))
  }

  @Test func picksHighestReputationsBestFirst() {
    // No evidence yet: R = 0.3 · s + 0.35, so the order is the self-assessments':
    // client 3 (0.9), 1 (0.8), 4 (0.6), 0 (0.3), 2 (0.1).
    let book = ReputationBook(selfAssessments: [0.3, 0.8, 0.1, 0.9, 0.6])
    var generator = Xoshiro256StarStar(seed: 5)
    let selected = ReputationSelection().select(context(book, perRound: 3), using: &generator)
    #expect(selected == [ClientID(3), ClientID(1), ClientID(4)])
  }

  @Test func tiesGoToTheLowerIndex() {
    // Clients 1, 2 and 4 tie at the top; 0 and 3 tie below.
    let book = ReputationBook(selfAssessments: [0.2, 0.7, 0.7, 0.2, 0.7])
    var generator = Xoshiro256StarStar(seed: 5)
    let two = ReputationSelection().select(context(book, perRound: 2), using: &generator)
    #expect(two == [ClientID(1), ClientID(2)])
    let four = ReputationSelection().select(context(book, perRound: 4), using: &generator)
    #expect(four == [ClientID(1), ClientID(2), ClientID(4), ClientID(0)])
  }

  @Test func evidenceChangesTheRanking() {
    var book = ReputationBook(selfAssessments: [0.9, 0.5, 0.5])
    // Client 0: q = 3, E = 0.5 · 2/5 = 0.2, R = 0.27 + 0.14 = 0.41 < 0.5 = R of clients 1, 2.
    for _ in 0..<3 { book.record(client: ClientID(0), accepted: false) }
    var generator = Xoshiro256StarStar(seed: 5)
    let selected = ReputationSelection().select(context(book, perRound: 2), using: &generator)
    #expect(selected == [ClientID(1), ClientID(2)])
  }

  @Test func topOverridesClientsPerRoundAndIsCapped() {
    let book = ReputationBook(selfAssessments: [0.1, 0.2, 0.3, 0.4])
    var generator = Xoshiro256StarStar(seed: 5)
    let one = ReputationSelection(top: 1).select(context(book, perRound: 3), using: &generator)
    #expect(one == [ClientID(3)])
    let capped = ReputationSelection(top: 10).select(
      context(book, perRound: 3), using: &generator)
    #expect(capped == [ClientID(3), ClientID(2), ClientID(1), ClientID(0)])
  }

  @Test func consumesNoRandomNumbers() {
    var generator = Xoshiro256StarStar(seed: 11)
    var untouched = generator
    _ = ReputationSelection().select(
      context(.neutral(clientCount: 6), perRound: 3), using: &generator)
    #expect(generator.next() == untouched.next())
  }

  @Test func descriptionNamesTop() {
    #expect(ReputationSelection().description == "reputation")
    #expect(ReputationSelection(top: 4).description == "reputation:top=4")
  }
}
