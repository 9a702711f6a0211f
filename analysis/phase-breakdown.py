#!/usr/bin/env python3
"""Where each scheme's round time goes: the mean of every phase column of a rounds.csv trace,
per scheme, as a table on stdout and, with --plot FILE.png (needs matplotlib), a stacked bar per
scheme.

Usage: phase-breakdown.py ROUNDS_CSV [--plot FILE.png]

Phases are the longest any reporting client spent in each (README, "Outputs"), so they overlap
across clients and need not add up to the round's duration; the "round ms" column gives the mean
round duration (end_ns - start_ns) for comparison. Rounds in which no update arrived (reported =
0: a deadline passed, a fault) have no phases to measure — their phase columns are 0 — so they
are left out of every mean, the round duration's included, and counted in the last column;
averaging their zeros in made a scheme that lost rounds look faster.

Phase columns a trace lacks (older traces have no inclusion or confirmation) are taken as 0.
"""
import csv
import sys

PHASES = ["download", "compute", "upload", "inclusion", "confirmation", "aggregation"]


def mean(nanoseconds: list) -> float:
    """The mean in milliseconds; NaN (shown as -) for no rounds."""
    return sum(nanoseconds) / len(nanoseconds) / 1e6 if nanoseconds else float("nan")


def main() -> int:
    arguments = sys.argv[1:]
    if "--help" in arguments or "-h" in arguments:
        print(__doc__.strip())
        return 0
    plot = None
    if "--plot" in arguments:
        at = arguments.index("--plot")
        if at + 1 >= len(arguments):
            print("--plot needs a file name", file=sys.stderr)
            return 64
        plot = arguments[at + 1]
        del arguments[at:at + 2]
    if len(arguments) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    path = arguments[0]
    try:
        with open(path, newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        print(f"{path}: {error.strerror}", file=sys.stderr)
        return 65
    except (UnicodeDecodeError, csv.Error) as error:
        print(f"{path}: not a CSV file: {error}", file=sys.stderr)
        return 65
    needed = ["scheme", "start_ns", "end_ns", "reported", "download_ns", "compute_ns", "upload_ns"]
    missing = [column for column in needed if rows and column not in rows[0]]
    if not rows or missing:
        print(f"{path}: not a rounds.csv trace (missing {', '.join(missing) or 'rows'})",
              file=sys.stderr)
        return 65
    schemes = []
    for row in rows:
        if row["scheme"] not in schemes:
            schemes.append(row["scheme"])
    means = {}
    empty = {}
    try:
        for scheme in schemes:
            mine = [row for row in rows if row["scheme"] == scheme]
            measured = [row for row in mine if int(row["reported"]) > 0]
            empty[scheme] = len(mine) - len(measured)
            means[scheme] = [mean([int(r.get(f"{p}_ns") or 0) for r in measured]) for p in PHASES]
            means[scheme].append(mean([int(r["end_ns"]) - int(r["start_ns"]) for r in measured]))
    except ValueError as error:
        print(f"{path}: a malformed value: {error}", file=sys.stderr)
        return 65
    header = ["scheme"] + [f"{p} ms" for p in PHASES] + ["round ms", "empty rounds"]
    print("  ".join(f"{h:>14}" for h in header))
    for scheme in schemes:
        cells = [f"{v:14.3f}" if v == v else f"{'-':>14}" for v in means[scheme]]
        print("  ".join([f"{scheme:>14}"] + cells + [f"{empty[scheme]:>14}"]))
    if plot:
        try:
            import matplotlib
            matplotlib.use("Agg")
            import matplotlib.pyplot as plt
        except ImportError:
            print("--plot needs matplotlib (pip install matplotlib)", file=sys.stderr)
            return 69
        figure, axes = plt.subplots(figsize=(6, 4))
        for index, scheme in enumerate(schemes):
            bottom = 0.0
            for phase, value in zip(PHASES, means[scheme][:-1]):
                if value != value:
                    continue
                axes.bar(index, value, bottom=bottom, label=phase if index == 0 else None,
                         color=f"C{PHASES.index(phase)}")
                bottom += value
        axes.set_xticks(range(len(schemes)), schemes)
        axes.set_ylabel("mean time per round (ms)")
        axes.set_title("round phases (longest client per phase; rounds with updates)")
        axes.legend()
        figure.tight_layout()
        figure.savefig(plot, dpi=150)
        print(f"wrote {plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
