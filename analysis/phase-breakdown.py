#!/usr/bin/env python3
"""Where each scheme's round time goes: the mean of every phase column of a rounds.csv trace,
per scheme, as a table on stdout and, with --plot FILE.png (needs matplotlib), a stacked bar per
scheme.

Usage: phase-breakdown.py ROUNDS_CSV [--plot FILE.png]

Phases are the longest any reporting client spent in each (README, "Outputs"), so they overlap
across clients and need not add up to the round's duration; the last column gives the mean round
duration (end_ns - start_ns) for comparison.
"""
import csv
import sys

PHASES = ["download", "compute", "upload", "inclusion", "confirmation", "aggregation"]


def main() -> int:
    arguments = sys.argv[1:]
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
    missing = [f"{p}_ns" for p in PHASES if rows and f"{p}_ns" not in rows[0]]
    if not rows or missing:
        print(f"{path}: not a rounds.csv trace (missing {', '.join(missing) or 'rows'})",
              file=sys.stderr)
        return 65
    schemes = []
    for row in rows:
        if row["scheme"] not in schemes:
            schemes.append(row["scheme"])
    means = {}
    for scheme in schemes:
        mine = [row for row in rows if row["scheme"] == scheme]
        means[scheme] = [sum(int(r[f"{p}_ns"]) for r in mine) / len(mine) / 1e6 for p in PHASES]
        means[scheme].append(
            sum(int(r["end_ns"]) - int(r["start_ns"]) for r in mine) / len(mine) / 1e6)
    header = ["scheme"] + [f"{p} ms" for p in PHASES] + ["round ms"]
    print("  ".join(f"{h:>14}" for h in header))
    for scheme in schemes:
        print("  ".join([f"{scheme:>14}"] + [f"{v:14.3f}" for v in means[scheme]]))
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
                axes.bar(index, value, bottom=bottom, label=phase if index == 0 else None,
                         color=f"C{PHASES.index(phase)}")
                bottom += value
        axes.set_xticks(range(len(schemes)), schemes)
        axes.set_ylabel("mean time per round (ms)")
        axes.set_title("round phases (longest client per phase)")
        axes.legend()
        figure.tight_layout()
        figure.savefig(plot, dpi=150)
        print(f"wrote {plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
