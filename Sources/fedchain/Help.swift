/// The `--help` texts.
enum Help {
  static let main = """
    fedchain — deterministic simulation of federated learning and blockchain FL on edge networks

    USAGE
      fedchain [SCENARIO.json] [--seed N] [--out DIR] [--quiet]
      fedchain run [SCENARIO.json] [--seed N] [--out DIR] [--quiet]
      fedchain compare [SCENARIO.json] [--seed N] [--out DIR] [--quiet]
      fedchain validate SCENARIO.json
      fedchain fields
      fedchain topology import FILE.graphml [--bandwidth RATE] [--latency DURATION] [--out FILE.json]
      fedchain --version

    With no command, `fedchain [SCENARIO.json] [options]` does the main job: a scenario whose
    workload has a chain is compared with its vanilla-FedAvg twin (`compare`), any other is run
    (`run`). With no scenario, that is the embedded default (a two-tier edge network with a
    proof-of-authority chain), traces written under traces/default/.

    Run `fedchain COMMAND --help` for a command's options. Exit codes: 0 ok, 3 the run stopped
    before its last round because it could not progress (traces written; a warning names the
    cause), 64 usage error (an output folder that is empty, a file, not fedchain's, or being
    written by another run included), 65 bad input file, 70 internal error (an output that cannot
    be written included).

    """

  static let fields = """
    fedchain fields

    Prints every field of the scenario format as Markdown tables, one per object, headed by its
    dotted path (the paths errors name): what each field accepts, its default and its meaning.
    The README's "Scenario fields" section is the same text.

    """

  static let run = """
    fedchain run [SCENARIO.json] [--seed N] [--out DIR] [--quiet]

    Runs one scenario's scheme (the embedded default when none is given) and writes its traces:
    summary.csv, rounds.csv, transfers.csv, tasks.csv, links.csv, manifest.json, updates.csv
    (the fate of every sampled client's update) for a FedAvg workload, and blocks.csv when the
    scheme runs on a chain.

    OPTIONS
      --seed N     replace the scenario's seed (a whole number ≥ 0)
      --out DIR    output folder (default: the scenario's output.directory, else traces/<name>),
                   replaced as a whole when the run ends; refused if it holds files fedchain
                   did not write or another fedchain run is writing it
      --quiet      print nothing on stdout

    """

  static let compare = """
    fedchain compare [SCENARIO.json] [--seed N] [--out DIR] [--quiet]

    Runs a blockchain FL scenario (its workload has a `chain`; scheme bcfl or ll-bcfl) and its
    vanilla-FedAvg twin — the same topology, data, seed, clients and behaviours, as the fedavg
    preset with a server — and writes both into one set of traces: summary.csv holds a row per
    scheme and a row of ratios (e.g. `bcfl/fedavg`);
    rounds.csv the per-phase breakdown of every round of both; blocks.csv the chain. The table
    on stdout shows the overheads. With no scenario, compares on the embedded default.

    OPTIONS
      --seed N     replace the scenario's seed (a whole number ≥ 0)
      --out DIR    output folder (default: the scenario's output.directory, else traces/<name>),
                   replaced as a whole when the run ends; refused if it holds files fedchain
                   did not write or another fedchain run is writing it
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
