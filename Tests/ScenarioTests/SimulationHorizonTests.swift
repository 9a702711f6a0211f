import Foundation
import Testing

@testable import Scenario

/// Inputs that would overflow the nanosecond clock get an input error (or, for a run that is
/// merely long, a warning), never an arithmetic trap.
struct SimulationHorizonTests {
  private func decodingError(_ text: String) -> ScenarioError? {
    do {
      _ = try ScenarioDecoder.decode(text, file: "horizon.json")
      return nil
    } catch {
      return error
    }
  }

  @Test func messageThatWouldTakeMillenniaIsRejected() {
    // 10¹² bytes at 1 bit/s: 8·10¹² s, about 254,000 years.
    let text = ScenarioErrorTests.twoFlows(
      replacing: #""bytes": 10000000, "start": "0s"},"#,
      with: #""bytes": 1000000000000, "start": "0s"},"#
    ).replacingFirst(#""bandwidth": "10MBps"},"# + "\n", with: #""bandwidth": "1bps"},"# + "\n")
    guard
      case .invalidValue(_, 8, "workload.transfers[0].bytes", _, let accepted) = decodingError(text)
    else {
      Issue.record(
        "expected the transfer to be rejected, got \(String(describing: decodingError(text)))")
      return
    }
    #expect(accepted.contains("years"))
  }

  @Test func transferStartingAfterACenturyIsRejected() {
    let text = ScenarioErrorTests.twoFlows(
      replacing: #""bytes": 10000000, "start": "0s"},"#,
      with: #""bytes": 10000000, "start": "4000000000s"},"#)
    guard case .invalidValue(_, _, "workload.transfers[0].start", _, _) = decodingError(text) else {
      Issue.record(
        "expected the start to be rejected, got \(String(describing: decodingError(text)))")
      return
    }
  }

  private func placeholder(
    parameters: Int, samples: Int, epochs: Int, rounds: Int = 1, bandwidth: String = "1Gbps"
  )
    -> String
  {
    """
    {"topology": {"nodes": [{"id": "s", "roles": ["server"]}, {"id": "c", "roles": ["client"], "profile": "iot-device"}],
                  "links": [{"id": "l", "between": ["s", "c"], "latency": "1ms", "bandwidth": "\(bandwidth)"}]},
     "workload": {"kind": "fedavg", "rounds": \(rounds), "fraction": 1, "epochs": \(epochs),
                  "training": {"kind": "placeholder", "parameters": \(parameters), "samplesPerClient": \(samples)}}}
    """
  }

  @Test func localTrainingBeyondTheHorizonIsRejected() {
    // 6 × 10⁹ × 10⁸ × 10⁴ flop overflows Int64 and would take 1.9·10¹³ years at 1 GFLOP/s.
    let found = decodingError(
      placeholder(parameters: 1_000_000_000, samples: 100_000_000, epochs: 10_000))
    guard case .invalidValue(_, _, "workload.training.parameters", _, let accepted) = found else {
      Issue.record("expected the training to be rejected, got \(String(describing: found))")
      return
    }
    #expect(accepted.contains("slowest client"))
  }

  @Test func modelThatCannotReachAClientIsRejected() {
    // 4·10⁹ + 12 bytes at 1 bit/s: about 1,015 years.
    let found = decodingError(
      placeholder(parameters: 1_000_000_000, samples: 1, epochs: 1, bandwidth: "1bps"))
    guard case .invalidValue(_, _, "workload.training.parameters", _, let accepted) = found else {
      Issue.record("expected the model size to be rejected, got \(String(describing: found))")
      return
    }
    #expect(accepted.contains("to reach `c`"))
  }

  @Test func runLongerThanTheHorizonStopsWithAWarning() throws {
    // 6 × 10⁹ × 10⁸ × 5 = 3·10¹⁸ flop: 95 years per round on an IoT device, so the second round
    // ends past the 150-year horizon and the run stops there.
    let spec = try ScenarioDecoder.decode(
      placeholder(parameters: 1_000_000_000, samples: 100_000_000, epochs: 5, rounds: 3),
      file: "long.json")
    let output = try Experiment.run(spec)
    #expect(output.rounds.count == 1)
    #expect(output.warnings.count == 1 && output.warnings[0].contains("150 years"))
  }
}
