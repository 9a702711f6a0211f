#!/usr/bin/env python3
"""Prints the first round whose test accuracy reaches a target, from a rounds.csv trace.

Usage: first-round-at.py ROUNDS_CSV TARGET [LABEL] [WALL_SECONDS]
"""
import csv
import sys


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    path, target = sys.argv[1], float(sys.argv[2])
    label = sys.argv[3] if len(sys.argv) > 3 else path
    wall = f", wall {sys.argv[4]} s" if len(sys.argv) > 4 else ""
    best = (0.0, 0)
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if not row["accuracy"]:
            continue
        accuracy = float(row["accuracy"])
        best = max(best, (accuracy, int(row["round"])))
        if accuracy >= target:
            seconds = int(row["end_ns"]) / 1e9
            print(f"{label}: {target:.0%} reached at round {row['round']} "
                  f"(simulated {seconds:.1f} s; best {best[0]:.2%}){wall}")
            return 0
    print(f"{label}: {target:.0%} not reached in {len(rows)} rounds "
          f"(best {best[0]:.2%} at round {best[1]}){wall}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
