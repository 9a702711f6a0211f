import Scenario

/// What faults cost a run: the FedAvg skeleton at 1,000 clients with 10,000 scheduled faults
/// (crashes of clients, straggler windows and loss windows, spread over the run), against the
/// same run without faults (`fedavg.skeleton.1000clients.100rounds`); and the same run with a
/// random crash process on every client.
func faultBenchmarkCases() -> [BenchmarkCase] {
  var scheduled: [String] = []
  for i in 0..<10_000 {
    let client = i % 1_000
    // Non-overlapping per client: fault i of client c starts at (i / 1000) × 10 s + c ms.
    let start = "\(i / 1_000 * 10_000 + client)ms"
    let until = "\(i / 1_000 * 10_000 + client + 3_000)ms"
    switch i % 3 {
    case 0: scheduled.append(#"{"at": "\#(start)", "crash": "c\#(client)", "for": "2s"}"#)
    case 1:
      scheduled.append(
        #"{"from": "\#(start)", "until": "\#(until)", "straggler": "c\#(client)", "slowdown": 4}"#)
    default:
      scheduled.append(
        #"{"from": "\#(start)", "until": "\#(until)", "loss": 0.2, "links": ["a\#(client)"]}"#)
    }
  }
  return [
    skeletonWithFaults(
      name: "faults.skeleton.1000clients.100rounds.10000faults",
      summary:
        "placeholder FedAvg, 1,000 clients, 100 rounds, 10,000 scheduled client crashes, stragglers and loss windows",
      workPerRun: 10_000, unit: "faults", faults: scheduled),
    skeletonWithFaults(
      name: "faults.skeleton.1000clients.100rounds.randomcrash",
      summary:
        "placeholder FedAvg, 1,000 clients, 100 rounds, every client crashing at random (mtbf 100 s, mttr 10 s)",
      workPerRun: 1, unit: "runs",
      faults: [#"{"random": "crash", "role": "client", "mtbf": "100s", "mttr": "10s"}"#]),
  ]
}

/// The FedAvg skeleton (1,000 clients under 20 edges, 100 rounds, C = 0.1, a 30 s round
/// deadline so that rounds end without their crashed clients) with `faults` as its fault list.
private func skeletonWithFaults(
  name: String, summary: String, workPerRun: Double, unit: String, faults: [String]
) -> BenchmarkCase {
  BenchmarkCase(
    name: name, summary: summary, repetitions: 3, workPerRun: workPerRun, unit: unit,
    prepare: {
      var text = FedAvgSkeleton.scenario(clients: 1_000, edges: 20, rounds: 100)
      let end = text.lastIndex(of: "}")!
      text.replaceSubrange(end...end, with: #", "faults": [\#(faults.joined(separator: ","))]}"#)
      text = text.replacingOccurrences(
        of: #""fraction": 0.1,"#, with: #""fraction": 0.1, "deadline": "30s","#)
      return {
        do {
          let output = try Experiment.run(try ScenarioDecoder.decode(text, file: "bench"))
          return checksumMix(
            UInt64(output.summary.totalTime.nanoseconds), UInt64(output.summary.faults))
        } catch {
          preconditionFailure("\(name): \(error)")
        }
      }
    })
}
