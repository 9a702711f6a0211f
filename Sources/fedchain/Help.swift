/// The `--help` texts.
enum Help {
  static let main = """
    fedchain — deterministic simulation of federated learning and blockchain FL on edge networks

    USAGE
      fedchain [SCENARIO.json] [--seed N] [--out DIR] [--quiet]
      fedchain run [SCENARIO.json] [--seed N] [--run N] [--traces LIST] [--out DIR] [--quiet]
      fedchain compare [SCENARIO.json] [--seed N] [--run N] [--traces LIST] [--out DIR] [--quiet]
      fedchain sweep SWEEP.json [--out DIR] [--jobs N] [--resume] [--shard I/N] [--traces LIST]
      fedchain sweep collect DIR
      fedchain report DIR [--out FILE.html] [--quiet]
      fedchain validate SCENARIO.json
      fedchain fields
      fedchain topology import FILE.graphml [--bandwidth RATE] [--latency DURATION] [--out FILE.json]
      fedchain topology expand SCENARIO.json [--out FILE.json]
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

    The learning kernels use the widest vector path this CPU has (AVX-512, AVX2, else portable
    SIMD); FEDCHAIN_KERNELS=portable|avx2|avx512 forces one, with the same results.

    """

  static let fields = """
    fedchain fields

    Prints every field of the scenario format as Markdown tables, one per object, headed by its
    dotted path (the paths errors name): what each field accepts, its default and its meaning.
    The README's "Scenario fields" section is the same text.

    """

  static let run = """
    fedchain run [SCENARIO.json] [--seed N] [--run N] [--traces LIST] [--out DIR] [--quiet]
                 [--timeline FILE.json [--timeline-nodes LIST] [--timeline-window FROM,UNTIL]]

    Runs one scenario's scheme (the embedded default when none is given) and writes its traces:
    summary.csv, rounds.csv, transfers.csv, tasks.csv, links.csv, manifest.json, updates.csv
    (the fate of every sampled client's update) for a FedAvg workload, and blocks.csv when the
    scheme runs on a chain.

    \(runOptions)
    """

  /// The options `run` and `compare` share.
  private static let runOptions = """
    OPTIONS
      --seed N     replace the scenario's seed (a whole number ≥ 0)
      --run N      the replication index (default 0): the same seed, other random streams;
                   written in every trace's `run` column and the manifest
      --traces LIST  the trace files to write: all (the default), light (summary,rounds,faults),
                   or a comma-separated list of summary, rounds, updates, faults, reputation,
                   transfers, tasks, links, blocks; manifest.json is always written
      --training-cache DIR  keep client trainings and evaluations in DIR too, for other runs
                   and processes to reuse (see below)
      --no-training-reuse   train everything, even what this process already trained
      --out DIR    output folder (default: the scenario's output.directory, else traces/<name>),
                   replaced as a whole when the run ends; refused if it holds files fedchain
                   did not write or another fedchain run is writing it
      --quiet      print nothing on stdout
      --timeline FILE.json  also write a timeline of the run in simulated time, to open in
                   ui.perfetto.dev or chrome://tracing (see below); outside the output folder
      --timeline-nodes LIST  the nodes it shows (default all): node ids, roles (server,
                   validator, edge, storage, client, router, or their plurals) and ROLE:N (N of
                   the role's nodes, evenly spread), comma-separated, e.g. servers,clients:10
      --timeline-window FROM,UNTIL  the span it shows, e.g. 30s,90s (either end may be left
                   out: 30s, shows from 30 s on); slices that overlap it are kept whole

    Timeline: Chrome trace-event JSON, times in simulated microseconds. One process per node
    (pid order: servers, validators, edges, storage, clients; a compared run's vanilla twin
    first, its blockchain scheme at pids offset by otherData.pid_stride, names prefixed by the
    scheme) with the tracks rounds (on the server), blocks, faults, compute 1…k (one per busy
    core), send 1…k (a message from start to arrival) and receive; an arrow joins each message's
    send to its arrival. The same run gives the same bytes.

    Training reuse: a client's training is keyed by everything it depends on (data, client,
    round, global model bytes, hyper-parameters, labels, shuffling state), so a training this
    process already did is taken instead of repeated; the traces are byte-identical either way.

    """

  static let compare = """
    fedchain compare [SCENARIO.json] [--seed N] [--run N] [--traces LIST] [--out DIR] [--quiet]
                     [--timeline FILE.json [--timeline-nodes LIST] [--timeline-window FROM,UNTIL]]

    Runs a blockchain FL scenario (its workload has a `chain`; scheme bcfl or ll-bcfl) and its
    vanilla-FedAvg twin — the same topology, data, seed, clients and behaviours, as the fedavg
    preset with a server — and writes both into one set of traces: summary.csv holds a row per
    scheme and a row of ratios (e.g. `bcfl/fedavg`);
    rounds.csv the per-phase breakdown of every round of both; blocks.csv the chain. The table
    on stdout shows the overheads. With no scenario, compares on the embedded default.

    \(runOptions)
    """

  static let sweep = """
    fedchain sweep SWEEP.json [--out DIR] [--jobs N] [--resume] [--shard I/N] [--traces LIST]
                   [--training-cache DIR | --no-training-reuse] [--quiet]
    fedchain sweep collect DIR

    Runs a base scenario at every point of a sweep file's `grid` (every combination) and `zip`
    (lock-step lists) of dotted field paths, each point at every seed of `seeds` and every
    replication of `runs`; README, "Sweeps", describes the file. Every point is validated before
    the first run starts. Each run is written atomically to
    DIR/points/<index>-<id>/seed-<s>-run-<r>/ (its traces and manifest), so a sweep killed at
    any moment leaves only complete runs. When all are done, DIR/sweep.csv holds one row per run
    and scheme (the point, the swept values, then the summary.csv columns; a compared run also
    has its ratio row) and DIR/sweep-stats.csv the mean, standard deviation and 95% Student-t
    interval of every summary metric per point and scheme.

    OPTIONS
      --out DIR      the sweep folder (default sweeps/<sweep file name>); it keeps the runs of one
                     sweep: a folder of another sweep, or with other files, is refused
      --jobs N       runs at once, each in its own process (default: the cores divided by a run's
                     training threads)
      --resume       skip the runs already complete in DIR (without it, every run is redone)
      --shard I/N    run only the points whose index is I modulo N (0 ≤ I < N), for a job array;
                     then `fedchain sweep collect DIR` merges them (byte-identical to one sweep)
      --traces LIST  the traces each run writes (default: the file's `traces`, else light =
                     summary,rounds,faults); see `fedchain run --help`
      --training-cache DIR  share client trainings between the sweep's processes (and later
                     sweeps) through DIR; without it, runs in one process share them in memory
      --no-training-reuse   train everything
      --quiet        print nothing on stdout

    Exit codes as for run: 3 when a run stopped before its last round (everything written),
    65 when the sweep file, a point or a collect is wrong (or a run failed on its input).

    """

  static let report = """
    fedchain report DIR [--out FILE.html] [--quiet]

    Writes DIR/report.html: one self-contained page for a run's or a sweep's output folder, to
    open from disk in any browser (no server, no network, no script). For a run (single or
    compared): the summary table; accuracy against simulated time, time per round by phase,
    traffic by link class and message kind, updates by fate per round, blocks over time and
    fault windows, each drawn when its trace is in the folder; the scenario as run and the
    manifest. For a sweep (after `fedchain sweep collect` if it was sharded): each summary
    metric against the swept parameter, a line per scheme with its 95% interval band, the
    overhead ratios, a table of the means, and sweep.json. The figures are SVG drawn by
    fedchain itself; the same folder gives the same bytes.

    OPTIONS
      --out FILE.html  write the page here instead (replaced atomically, like DIR/report.html)
      --quiet          print nothing on stdout

    Exit 65, with one line naming the file, line, column and value, when DIR is missing, is
    neither a run nor a sweep folder, or a trace the page needs is missing or malformed.

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

  static let topologyExpand = """
    fedchain topology expand SCENARIO.json [--out FILE.json]

    Writes the scenario (JSON, on stdout or into --out) with its topology — a generator, or a
    GraphML import with what is attached to it — replaced by the explicit nodes and links it
    stands for; every other member is kept as written, in order. The result runs to the same
    traces (the manifest aside), and expanding it again changes nothing: a file to review or
    edit by hand. A random-geometric graph is the one drawn with the scenario's own seed. Paths
    in the scenario (data sets, fault traces) stay relative, so write the file beside the
    original. Exit 65 when the scenario does not decode.

    OPTIONS
      --out FILE.json      write here instead of stdout (replaced atomically)

    """
}
