#!/usr/bin/env python3
"""LL-BCFL against its paper (issue #10 §4): writes the scenarios, runs them, summarises.

usage: analysis/ll-bcfl/experiments.py [--fedchain BIN] [--mnist DIR] [--rounds N] [--out DIR]

Every run: MNIST, McMahan's 2NN (mlp:784-200-200-10; the paper's CNN trains 80x slower here, see
BENCHMARKS.md), 100 clients under 4 edge servers, C = 0.1, E = 1, B = 10, a 4-validator
proof-of-authority chain. Standard library only; prints a Markdown report to stdout and writes
it to OUT/REPORT.md.
"""
import argparse
import csv
import json
import math
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

PARAMETERS = 199_210  # the 2NN's parameter count
L2_CLIP = 1.0
L1_CLIP = L2_CLIP * math.sqrt(PARAMETERS)  # the L1 ball that contains the L2 ball of radius 1
FLIPPERS = [f"c{i}" for i in range(0, 100, 10)] + [f"c{i}" for i in range(1, 100, 10)] + [
    f"c{i}" for i in range(2, 100, 10)]  # 30 of 100 clients, spread over the edges


def scenario(name, rounds, mnist, partition="iid", scheme="ll-bcfl", stages=None,
             behaviours=None, aggregation="fedavg"):
    workload = {
        "kind": "fedavg", "scheme": scheme, "rounds": rounds, "fraction": 0.1, "epochs": 1,
        "batchSize": 10, "learningRate": 0.05, "deadline": "600s",
        "training": {"kind": "learning", "model": "mlp:784-200-200-10",
                     "dataset": f"mnist:{mnist}", "partition": partition,
                     "aggregation": aggregation, "threads": 2},
    }
    if scheme != "fedavg":
        workload["chain"] = {"consensus": "poa", "blockPeriod": "1s", "payloads": "off-chain",
                             "storage": "cloud"}
    if stages:
        workload["stages"] = stages
    if behaviours:
        workload["behaviours"] = behaviours
    return {"name": name, "seed": 1,
            "topology": {"generator": "edge-tree", "clients": 100, "edges": 4, "validators": 4},
            "workload": workload}


def plan(rounds, mnist):
    runs = []
    # 1. Noise at equal ε per update: none, Laplace (L1 clip √d), Gaussian (L2 clip 1, δ = 1e-5).
    for partition in ["iid", "pathological", "dirichlet:0.5"]:
        tag = partition.split(":")[0]
        validation = "accuracy:margin=0.3:validation=0.01"
        runs.append(scenario(f"dp-{tag}-none", rounds, mnist, partition,
                             stages={"privacy": "none", "validation": validation}))
        for epsilon in [10, 10_000]:
            runs.append(scenario(
                f"dp-{tag}-laplace-{epsilon}", rounds, mnist, partition,
                stages={"privacy": f"ldp:laplace:epsilon={epsilon}:clip={L1_CLIP:.4f}",
                        "validation": validation}))
            runs.append(scenario(
                f"dp-{tag}-gaussian-{epsilon}", rounds, mnist, partition,
                stages={"privacy": f"ldp:gaussian:epsilon={epsilon}:delta=0.00001:clip={L2_CLIP}",
                        "validation": validation}))
    # 2. 30% label flippers from round 1, IID.
    flip = [{"clients": FLIPPERS, "attack": "label-flip", "fromRound": 1}]
    validation = "accuracy:margin=0.3:validation=0.01"
    runs.append(scenario("flip-fedavg", rounds, mnist, scheme="fedavg", behaviours=flip))
    runs.append(scenario("flip-none", rounds, mnist, scheme="fedavg"))
    runs.append(scenario("flip-median", rounds, mnist, scheme="fedavg", behaviours=flip,
                         aggregation="median"))
    runs.append(scenario("flip-krum", rounds, mnist, scheme="fedavg", behaviours=flip,
                         aggregation="krum:3"))
    runs.append(scenario("flip-llbcfl", rounds, mnist, behaviours=flip,
                         stages={"privacy": "none", "validation": validation}))
    runs.append(scenario("flip-llbcfl-uniform", rounds, mnist, behaviours=flip,
                         stages={"privacy": "none", "validation": validation,
                                 "selection": "uniform"}))
    return runs


def read(path):
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fedchain", default=os.path.join(ROOT, ".build/release/fedchain"))
    parser.add_argument("--mnist", default=os.path.join(os.path.dirname(ROOT), "shared/data/mnist"))
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--out", default=os.path.join(ROOT, "traces/ll-bcfl-paper"))
    parser.add_argument("--only", help="run only scenarios whose name starts with this")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    mnist = os.path.abspath(args.mnist)
    runs = plan(args.rounds, mnist)
    if args.only:
        runs = [r for r in runs if r["name"].startswith(args.only)]
    for spec in runs:
        name = spec["name"]
        path = os.path.join(args.out, name + ".json")
        with open(path, "w") as handle:
            json.dump(spec, handle, indent=1)
        folder = os.path.join(args.out, name)
        if os.path.exists(os.path.join(folder, "summary.csv")):
            continue
        started = time.time()
        subprocess.run([args.fedchain, "run", path, "--out", folder, "--quiet"], check=True)
        print(f"{name}: {time.time() - started:.0f} s", file=sys.stderr, flush=True)
    report = summarise(args.out, runs)
    with open(os.path.join(args.out, "REPORT.md"), "w") as handle:
        handle.write(report)
    print(report)


def summarise(out, runs):
    lines = ["| run | scheme | final accuracy | mean of the last 10 rounds | best accuracy | "
             "worst client's ε | aggregated | rejected |",
             "|---|---|---|---|---|---|---|---|"]
    for spec in runs:
        name = spec["name"]
        folder = os.path.join(out, name)
        if not os.path.exists(os.path.join(folder, "summary.csv")):
            continue
        summary = read(os.path.join(folder, "summary.csv"))[0]
        updates = read(os.path.join(folder, "updates.csv"))
        rounds = read(os.path.join(folder, "rounds.csv"))
        tail = [float(r["accuracy"]) for r in rounds[-10:]]
        aggregated = sum(1 for u in updates if u["fate"] == "aggregated")
        rejected = sum(1 for u in updates if u["fate"] == "rejected")
        epsilon = f"{float(summary['epsilon']):.4g}" if summary["epsilon"] else "–"
        lines.append(f"| {name} | {summary['scheme']} | {float(summary['final_accuracy']):.4f} | "
                     f"{sum(tail) / len(tail):.4f} | {float(summary['best_accuracy']):.4f} | "
                     f"{epsilon} | "
                     f"{aggregated} | {rejected} |")
    lines.append("")
    # The flippers: rejected share, and when every flipper's reputation fell below every honest
    # client's (and stayed there).
    for name in ["flip-llbcfl", "flip-llbcfl-uniform"]:
        folder = os.path.join(out, name)
        if not os.path.exists(os.path.join(folder, "reputation.csv")):
            continue
        updates = read(os.path.join(folder, "updates.csv"))
        flipped = [u for u in updates if u["client"] in FLIPPERS]
        honest = [u for u in updates if u["client"] not in FLIPPERS]
        def share(rows, fate):
            return f"{sum(1 for u in rows if u['fate'] == fate)}/{len(rows)}"
        lines.append(f"{name}: flippers' updates rejected {share(flipped, 'rejected')}, "
                     f"honest updates rejected {share(honest, 'rejected')}.")
        by_round = {}
        for row in read(os.path.join(folder, "reputation.csv")):
            by_round.setdefault(int(row["round"]), []).append(row)
        separated = None
        for r in sorted(by_round):
            rows = by_round[r]
            worst_flipper = max(float(x["reputation"]) for x in rows if x["client"] in FLIPPERS)
            least_honest = min(float(x["reputation"]) for x in rows if x["client"] not in FLIPPERS)
            if worst_flipper < least_honest:
                separated = separated or r
            else:
                separated = None
        lines.append(f"{name}: every flipper's reputation below every honest client's from round "
                     f"{separated} on." if separated else
                     f"{name}: flippers' and honest clients' reputations never separated for good.")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
