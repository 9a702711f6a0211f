#!/usr/bin/env python3
"""Cross-checks FedChainSim's flow-level network against SimGrid's CM02 model.

Each case is one platform (nodes, full-duplex links with latency and bandwidth, explicit routes)
and a list of transfers with start times. The script runs the case in SimGrid (CM02,
network/crosstraffic:0, split-duplex links — the model FedChainSim implements) and in
`fedchain run` (a `transfers` scenario), and prints both completion times and their difference.

Run with the system Python, which has SimGrid's bindings (Debian's python3-simgrid 3.32):
    swift build -c release --product fedchain
    /usr/bin/python3 analysis/simgrid/cross_check.py [--fedchain .build/release/fedchain]
Exit status 1 when any completion time differs by more than 1 µs.

`--rate-update 10ms` runs FedChainSim with batched rate updates (scenario field "rateUpdate",
FlowNetwork's RateUpdatePolicy.batched) and reports how far that approximation lands from SimGrid's
exact CM02 times instead of enforcing the 1 µs tolerance.
"""
import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile

TOLERANCE_S = 1e-6


def case_two_flows():
    links = {"l1": ("h1", "r", 10, 10e6), "l2": ("h2", "r", 10, 10e6), "l3": ("r", "h3", 10, 10e6)}
    transfers = [("f1", "h1", "h3", 10_000_000, 0.0), ("f2", "h2", "h3", 10_000_000, 0.0)]
    return "two-flows", links, transfers


def case_unequal_latency():
    links = {"l1": ("h1", "r", 10, 10e6), "l2": ("h2", "r", 30, 10e6), "l3": ("r", "h3", 10, 10e6)}
    transfers = [("f1", "h1", "h3", 10_000_000, 0.0), ("f2", "h2", "h3", 10_000_000, 0.0)]
    return "unequal-latency", links, transfers


def case_late_arrival():
    links = {"l1": ("h1", "r", 10, 10e6), "l2": ("h2", "r", 10, 10e6), "l3": ("r", "h3", 10, 10e6)}
    transfers = [("f1", "h1", "h3", 10_000_000, 0.0), ("f2", "h2", "h3", 10_000_000, 0.51)]
    return "late-arrival", links, transfers


def case_parking_lot():
    links = {f"c{i}": (f"r{i}", f"r{i + 1}", 5, 8e6) for i in range(3)}
    links.update({f"a{i}": (f"h{i}", f"r{i}", 2, 20e6) for i in range(4)})
    transfers = [("long", "h0", "h3", 4_000_000, 0.0)]
    transfers += [(f"short{i}", f"h{i}", f"h{i + 1}", 2_000_000, 0.0) for i in range(3)]
    return "parking-lot", links, transfers


def case_random(seed):
    rng = random.Random(seed)
    nodes = [f"n{i}" for i in range(8)]
    links = {}
    for i in range(1, len(nodes)):  # a random tree keeps routes unique
        parent = rng.randrange(i)
        links[f"t{i}"] = (nodes[parent], nodes[i], rng.choice([1, 2, 5, 10, 20]), rng.choice([1e6, 2e6, 5e6, 10e6]))
    transfers = []
    for k in range(12):
        a, b = rng.sample(nodes, 2)
        transfers.append((f"x{k}", a, b, rng.randrange(100_000, 5_000_000), round(rng.uniform(0, 1.0), 3)))
    return f"random-tree-{seed}", links, transfers


def tree_route(links, src, dst):
    """The unique path from src to dst as (link, forward?) pairs (breadth-first search)."""
    adjacency = {}
    for name, (a, b, _, _) in links.items():
        adjacency.setdefault(a, []).append((b, name, True))
        adjacency.setdefault(b, []).append((a, name, False))
    previous = {src: None}
    queue = [src]
    while queue:
        node = queue.pop(0)
        for other, name, forward in adjacency.get(node, []):
            if other not in previous:
                previous[other] = (node, name, forward)
                queue.append(other)
    path = []
    node = dst
    while previous[node] is not None:
        node, name, forward = previous[node][0], previous[node][1], previous[node][2]
        path.append((name, forward))
    return list(reversed(path))


def run_simgrid(links, transfers):
    from simgrid import Actor, Engine, Mailbox, this_actor

    hosts = sorted({n for a, b, _, _ in links.values() for n in (a, b)})
    xml = ["<?xml version='1.0'?>", '<!DOCTYPE platform SYSTEM "https://simgrid.org/simgrid.dtd">',
           '<platform version="4.1"><zone id="z" routing="Full">']
    xml += [f'<host id="{h}" speed="1Gf"/>' for h in hosts]
    for name, (a, b, latency_ms, bandwidth) in links.items():
        xml.append(f'<link id="{name}" bandwidth="{bandwidth}Bps" latency="{latency_ms}ms" sharing_policy="SPLITDUPLEX"/>')
    pairs = {(src, dst) for _, src, dst, _, _ in transfers}
    for src, dst in sorted(pairs):
        route = tree_route(links, src, dst)
        hops = "".join(f'<link_ctn id="{name}" direction="{"UP" if forward else "DOWN"}"/>' for name, forward in route)
        xml.append(f'<route src="{src}" dst="{dst}" symmetrical="NO">{hops}</route>')
    xml.append("</zone></platform>")
    engine = Engine(["cross_check", "--cfg=network/model:CM02", "--cfg=network/crosstraffic:0",
                     "--log=root.thres:critical"])
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as handle:
        handle.write("\n".join(xml))
    engine.load_platform(handle.name)
    os.unlink(handle.name)
    finish = {}

    def sender(name, size, start):
        if start > 0:
            this_actor.sleep_for(start)
        Mailbox.by_name(name).put(name, size)
        finish[name] = Engine.clock

    def receiver(name):
        Mailbox.by_name(name).get()

    for name, src, dst, size, start in transfers:
        Actor.create("r" + name, engine.host_by_name(dst), receiver, name)
        Actor.create("s" + name, engine.host_by_name(src), sender, name, size, start)
    engine.run()
    return finish


def run_fedchain(binary, label, links, transfers, rate_update=None):
    nodes = sorted({n for a, b, _, _ in links.values() for n in (a, b)})
    scenario = {
        "name": label,
        "sharing": "cm02",
        "topology": {
            "nodes": [{"id": n} for n in nodes],
            "links": [{"id": name, "between": [a, b], "latency": f"{latency_ms}ms", "bandwidth": f"{int(bandwidth)}Bps"}
                      for name, (a, b, latency_ms, bandwidth) in links.items()],
        },
        "workload": {"kind": "transfers", "transfers": [
            {"id": name, "from": src, "to": dst, "bytes": size, "start": f"{int(round(start * 1000))}ms"}
            for name, src, dst, size, start in transfers]},
    }
    if rate_update is not None:
        scenario["rateUpdate"] = rate_update
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "scenario.json")
        with open(path, "w") as handle:
            json.dump(scenario, handle)
        subprocess.run([binary, "run", path, "--out", os.path.join(folder, "out"), "--quiet"], check=True)
        with open(os.path.join(folder, "out", "transfers.csv"), newline="") as handle:
            return {row["transfer_id"]: int(row["finish_ns"]) / 1e9 for row in csv.DictReader(handle)}


def all_cases():
    cases = [case_two_flows(), case_unequal_latency(), case_late_arrival(), case_parking_lot()]
    return cases + [case_random(seed) for seed in range(1, 6)]


def simgrid_in_subprocess(index):
    """SimGrid's clock is global to a process, so each case runs in a fresh interpreter."""
    output = subprocess.run([sys.executable, __file__, "--simgrid-case", str(index)], check=True,
                            capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fedchain", default=".build/release/fedchain")
    parser.add_argument("--rate-update", help="batched interval such as 10ms (default: exact)")
    parser.add_argument("--simgrid-case", type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    cases = all_cases()
    if arguments.simgrid_case is not None:
        _, links, transfers = cases[arguments.simgrid_case]
        print(json.dumps(run_simgrid(links, transfers)))
        return 0
    worst = 0.0
    differences = []
    print(f"{'case':<18} {'flow':<8} {'simgrid_s':>12} {'fedchain_s':>12} {'diff_ns':>9}")
    for index, (label, links, transfers) in enumerate(cases):
        reference = simgrid_in_subprocess(index)
        ours = run_fedchain(arguments.fedchain, label, links, transfers, arguments.rate_update)
        for name, *_ in transfers:
            difference = ours[name] - reference[name]
            worst = max(worst, abs(difference))
            differences.append(difference)
            print(f"{label:<18} {name:<8} {reference[name]:>12.6f} {ours[name]:>12.6f} {difference * 1e9:>9.0f}")
    print(f"largest difference: {worst * 1e9:.0f} ns over {sum(len(c[2]) for c in cases)} transfers")
    if arguments.rate_update is not None:
        mean = sum(differences) / len(differences)
        mean_abs = sum(abs(d) for d in differences) / len(differences)
        print(f"rate update {arguments.rate_update}: mean difference {mean * 1e3:.3f} ms, "
              f"mean |difference| {mean_abs * 1e3:.3f} ms, largest {worst * 1e3:.3f} ms")
        return 0
    return 0 if worst <= TOLERANCE_S else 1


if __name__ == "__main__":
    sys.exit(main())
