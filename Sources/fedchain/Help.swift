/// The `--help` texts.
enum Help {
  static let main = """
    fedchain — deterministic simulation of federated learning and blockchain FL on edge networks

    USAGE
      fedchain [run] [SCENARIO.json] [--seed N] [--out DIR] [--quiet]
      fedchain validate SCENARIO.json
      fedchain topology import FILE.graphml [--bandwidth RATE] [--latency DURATION] [--out FILE.json]
      fedchain --version

    With no arguments, runs the embedded default scenario (a two-tier edge network running FedAvg)
    and writes its traces under traces/default/.

    Run `fedchain COMMAND --help` for a command's options. Exit codes: 0 ok, 64 usage error,
    65 bad input file, 70 internal error.

    """

  static let run = """
    fedchain run [SCENARIO.json] [--seed N] [--out DIR] [--quiet]

    Runs one scenario (the embedded default when none is given) and writes its traces:
    summary.csv, rounds.csv, transfers.csv, tasks.csv, links.csv and manifest.json.

    OPTIONS
      --seed N     replace the scenario's seed (a whole number ≥ 0)
      --out DIR    output folder (default: the scenario's output.directory, else traces/<name>)
      --quiet      print nothing on stdout

    """

  static let validate = """
    fedchain validate SCENARIO.json

    Checks a scenario file without running it: JSON syntax, every field, node and link ids,
    units, and that every pair of nodes that must talk has a route. Prints `ok` or one line
    naming the file, line, field, value and what is accepted (exit 65).

    """

  static let topologyImport = """
    fedchain topology import FILE.graphml [--bandwidth RATE] [--latency DURATION] [--out FILE.json]

    Converts an Internet Topology Zoo GraphML file into the scenario topology format (JSON, on
    stdout or into --out). Latency is the great-circle distance at 2/3 of the speed of light.

    OPTIONS
      --bandwidth RATE     bandwidth of links whose capacity the file does not give (default 1Gbps)
      --latency DURATION   latency of links touching a node without coordinates (default 1ms)
      --out FILE.json      write here instead of stdout

    """
}
