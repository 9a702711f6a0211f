import Testing

@testable import Learning

struct PartitionSchemeParsingTests {
  @Test(arguments: [
    ("iid", PartitionScheme.iid),
    ("pathological", .pathological(shardsPerClient: 2)),
    ("pathological:3", .pathological(shardsPerClient: 3)),
    ("dirichlet:0.5", .dirichlet(alpha: 0.5)),
    ("dirichlet:0.1:10", .dirichlet(alpha: 0.1, minimumClientSize: 10)),
    ("unbalanced:1.5", .unbalanced(sigma: 1.5)),
  ])
  func parsesEachScheme(text: String, expected: PartitionScheme) throws {
    #expect(try PartitionScheme(parsing: text) == expected)
    // The description reads back to the same scheme.
    #expect(try PartitionScheme(parsing: expected.description) == expected)
  }

  @Test func rejectsMalformedText() {
    let cases: [(String, PartitionError)] = [
      ("noniid", .invalidScheme(text: "noniid", reason: "unknown scheme `noniid`")),
      ("iid:2", .invalidScheme(text: "iid:2", reason: "`iid` takes 0 parameters")),
      (
        "dirichlet",
        .invalidScheme(text: "dirichlet", reason: "`dirichlet` takes 1 to 2 parameters")
      ),
      ("dirichlet:x", .invalidScheme(text: "dirichlet:x", reason: "alpha `x` is not a number")),
      ("dirichlet:0", .invalidConcentration(0)),
      ("pathological:0", .invalidShardsPerClient(0)),
      ("unbalanced:-1", .invalidSpread(-1)),
    ]
    for (text, expected) in cases {
      #expect(throws: expected) { try PartitionScheme(parsing: text) }
    }
  }
}
