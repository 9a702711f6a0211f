#!/usr/bin/env python3
"""Prints the first round whose test accuracy reaches a target, per scheme, from a rounds.csv
trace. A paired run's trace holds two schemes (the vanilla twin and the blockchain run), each with
its own rounds: each gets its own line, or only the one named by --scheme.

Usage: first-round-at.py ROUNDS_CSV TARGET [LABEL] [WALL_SECONDS] [--scheme NAME]

Exit codes: 0 every scheme shown reached the target, 1 one did not, 64 usage, 65 a missing or
malformed trace.
"""
import csv
import sys


def fail(message: str, code: int) -> int:
    print(f"first-round-at.py: {message}", file=sys.stderr)
    return code


def main() -> int:
    arguments = sys.argv[1:]
    if "--help" in arguments or "-h" in arguments:
        print(__doc__.strip())
        return 0
    scheme_filter = None
    if "--scheme" in arguments:
        at = arguments.index("--scheme")
        if at + 1 >= len(arguments):
            return fail("--scheme needs a scheme name (e.g. fedavg or bcfl)", 64)
        scheme_filter = arguments[at + 1]
        del arguments[at:at + 2]
    if not 2 <= len(arguments) <= 4:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    path = arguments[0]
    try:
        target = float(arguments[1])
    except ValueError:
        return fail(f"TARGET {arguments[1]!r} is not a number (e.g. 0.97)", 64)
    label = arguments[2] if len(arguments) > 2 else path
    wall = f", wall {arguments[3]} s" if len(arguments) > 3 else ""
    try:
        with open(path, newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        return fail(f"{path}: cannot read it: {error}", 65)
    needed = ["scheme", "round", "end_ns", "accuracy"]
    if not rows or any(column not in rows[0] for column in needed):
        return fail(f"{path}: not a rounds.csv trace (needs the columns {', '.join(needed)})", 65)
    schemes = []
    for row in rows:
        if row["scheme"] not in schemes:
            schemes.append(row["scheme"])
    if scheme_filter is not None:
        if scheme_filter not in schemes:
            return fail(f"{path}: no scheme {scheme_filter!r}; it holds {', '.join(schemes)}", 65)
        schemes = [scheme_filter]
    status = 0
    for scheme in schemes:
        name = label if len(schemes) == 1 else f"{label} [{scheme}]"
        mine = [row for row in rows if row["scheme"] == scheme]
        try:
            status = max(status, report(name, mine, target, wall))
        except ValueError as error:
            return fail(f"{path}: a malformed value in scheme {scheme}: {error}", 65)
    return status


def report(name: str, rows: list, target: float, wall: str) -> int:
    """One line for one scheme's rounds, in round order; 0 when the target is reached."""
    best = (0.0, 0)
    for row in sorted(rows, key=lambda row: int(row["round"])):
        if not row["accuracy"]:
            continue
        accuracy = float(row["accuracy"])
        if accuracy > best[0]:
            best = (accuracy, int(row["round"]))
        if accuracy >= target:
            seconds = int(row["end_ns"]) / 1e9
            print(f"{name}: {target:.0%} reached at round {row['round']} "
                  f"(simulated {seconds:.1f} s; best {best[0]:.2%}){wall}")
            return 0
    print(f"{name}: {target:.0%} not reached in {len(rows)} rounds "
          f"(best {best[0]:.2%} at round {best[1]}){wall}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
