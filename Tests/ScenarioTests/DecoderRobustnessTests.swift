import Foundation
import Testing

@testable import Platform
@testable import Scenario

/// The inputs issue #9 found crashing, hanging or answering on several lines: each now decodes
/// or gets one bounded line naming the file and the field.
struct DecoderRobustnessTests {
  private func decode(_ text: String) throws(ScenarioError) -> ScenarioSpec {
    try ScenarioDecoder.decode(text, file: "s.json")
  }

  private func error(_ text: String) -> ScenarioError? {
    do {
      _ = try decode(text)
      return nil
    } catch {
      return error
    }
  }

  /// A star of two clients and its server with a PoA chain on the server; `chain` is spliced in.
  private func chainScenario(_ chain: String) -> String {
    """
    {"topology": {"generator": "star", "leaves": 2, "hubProfile": "cloud-server"},
     "workload": {"kind": "fedavg", "training": {"kind": "placeholder"},
                  "chain": {"validators": ["server"], \(chain)}}}
    """
  }

  // MARK: - Crashes

  @Test func shortProofOfAuthorityPeriodWithoutWiggleGetsHalfThePeriod() throws {
    // Used to trap on a force-unwrap: the 200 ms default wiggle is not below a 100 ms period.
    let spec = try decode(chainScenario(#""blockPeriod": "100ms""#))
    guard case .fedavg(let fedavg) = spec.workload else {
      Issue.record("not fedavg")
      return
    }
    #expect(
      fedavg.chain?.consensus
        == .proofOfAuthority(period: .milliseconds(100), wiggle: .milliseconds(50)))
  }

  @Test func wiggleAsLongAsThePeriodIsRefusedNamingWiggle() {
    let found = error(chainScenario(#""blockPeriod": "100ms", "wiggle": "100ms""#))
    #expect(found?.description.contains("workload.chain.wiggle = 0.1s is not accepted") == true)
  }

  @Test func linkLatencyBeyondAnHourIsRefusedBeforeRouting() {
    // Two 200-year latencies on one route used to overflow the router's latency sum.
    let found = error(
      ScenarioErrorTests.twoFlows(
        replacing: #""between": ["h1", "r"], "latency": "10ms""#,
        with: #""between": ["h1", "r"], "latency": "6311520000s""#))
    #expect(found?.description.contains("topology.links[0].latency") == true)
    #expect(found?.description.contains("to 3600s") == true)
  }

  @Test func rateUpdateIntervalBeyondADayIsRefused() {
    let text = ScenarioErrorTests.twoFlows(
      replacing: #""name": "two-flows","#,
      with: #""name": "two-flows", "rateUpdate": "9223372036854775807ns","#)
    #expect(error(text)?.description.contains("rateUpdate") == true)
  }

  // MARK: - One line

  @Test func controlCharactersInIdsAreEscapedInErrors() throws {
    let text = ScenarioErrorTests.twoFlows(
      replacing: #"{"id": "h3"}"#, with: #"{"id": "h\n3\u0000\u001b[31m"}"#)
    let description = try #require(error(text)).description
    #expect(!description.unicodeScalars.contains { $0.properties.generalCategory == .control })
    #expect(description.contains(#"h\n3\u0000\u001b[31m"#))
  }

  @Test func millionCharacterKeyIsCutAndItsLengthSaid() throws {
    let key = String(repeating: "k", count: 1_000_000)
    let description = try #require(error("{\"\(key)\": 1}")).description
    // The key is a path; it keeps 60 characters at the start and 30 at the end, and says the
    // length (EchoedText.maximumEchoed = 120).
    #expect(description.count < 700)
    #expect(description.contains("…(1000000 characters)…"))
  }

  @Test func nonObjectDocumentNamesTheTopLevel() {
    #expect(
      error("[1, 2]")?.description == "`s.json:1`: the top level is an array; expected an object")
  }

  @Test func repeatedKeyIsRefusedNotSilentlyIgnored() {
    let text = ScenarioErrorTests.twoFlows(
      replacing: #""name": "two-flows","#, with: #""name": "two-flows", "name": "other","#)
    #expect(error(text)?.description.contains("duplicate member `name`") == true)
  }

  @Test func unknownFieldListsTheSchemaTable() {
    let text = ScenarioErrorTests.twoFlows(
      replacing: #""name": "two-flows","#, with: #""name": "two-flows", "sead": 3,"#)
    guard case .unknownField(_, _, let path, let accepted) = error(text) else {
      Issue.record("expected an unknown-field error")
      return
    }
    #expect(path == "sead")
    #expect(accepted == ScenarioSchema.schema.fieldNames)
  }

  // MARK: - Sizes

  @Test func hugeSyntheticDataSetIsRefusedWithTheLimit() {
    // 100,000 × 100,000 floats would be 40 GB; the limit is 100,000,000 floats.
    let text = """
      {"topology": {"generator": "star", "leaves": 2},
       "workload": {"kind": "fedavg", "training": {"kind": "learning",
         "model": "mlp:100000-10", "dataset": "synthetic:samples=100000,features=100000"}}}
      """
    let description = error(text)?.description ?? ""
    #expect(description.contains("workload.training.dataset"))
    #expect(description.contains("at most 100,000,000 floats"))
  }

  @Test func hugeModelIsRefusedWithTheLimit() {
    // 784 × 100,000 + 100,000 × 10 weights and their biases: 79,500,010 parameters > 50,000,000.
    let text = """
      {"topology": {"generator": "star", "leaves": 2},
       "workload": {"kind": "fedavg", "training": {"model": "mlp:784-100000-10"}}}
      """
    let description = error(text)?.description ?? ""
    #expect(description.contains("79500010 parameters"))
    #expect(description.contains("at most 50,000,000 parameters"))
  }

  @Test func randomGeometricGraphThatWouldBeNearlyCompleteIsRefused() {
    // 20,000 nodes with radius 1: n²/2 · min(1, π) ≈ 2·10⁸ links, over the 1,000,000 limit.
    let text = """
      {"topology": {"generator": "random-geometric", "nodes": 20000, "radius": 1},
       "workload": {"kind": "transfers", "transfers": [
         {"id": "t", "from": "n0", "to": "n1", "bytes": 1}]}}
      """
    #expect(error(text)?.description.contains("at most 1,000,000 links") == true)
  }

  @Test func manyClientsOnAChainDecodeWithoutARoutePerClient() throws {
    // 100,000 clients used to hang: decoding built one shortest-path tree per client. With
    // connected components it is one pass over the links.
    let text = """
      {"topology": {"generator": "edge-tree", "clients": 100000, "edges": 100, "validators": 4},
       "workload": {"kind": "fedavg", "training": {"kind": "placeholder"},
                    "chain": {"consensus": "poa"}}}
      """
    let clock = ContinuousClock()
    let start = clock.now
    let spec = try decode(text)
    #expect(spec.topology.nodes.count == 100_000 + 100 + 1 + 4)
    #expect(clock.now - start < .seconds(20))
  }
}
