#!/usr/bin/env python3
"""N concurrent transfers over one link, in SimGrid and as a FedChainSim scenario.

The load issue #9 found growing quadratically in memory: every start and finish re-solves the
shares and re-times every flow. Host `a` sends N messages to host `b` over one link (10 ms,
10 MBps), all starting at t = 0, message i carrying 1,000 × (i + 1) bytes, so the N flows finish
one by one (N re-solves, each moving every remaining flow's completion).

    /usr/bin/python3 analysis/simgrid/one_link_flows.py --flows 20000              # SimGrid
    /usr/bin/python3 analysis/simgrid/one_link_flows.py --flows 20000 --scenario F  # write F

SimGrid runs CM02 with cross-traffic off (max-min sharing, the model FedChainSim implements;
see cross_check.py) and prints `name value unit` lines: the last completion time and the flow
count. The scenario F is the same platform and load as a `transfers` workload for
`fedchain run F`, whose transfers.csv must end at the same instant (to the nanosecond's rounding).
Run with the system Python, which has SimGrid's bindings (Debian's python3-simgrid 3.32).
"""
import argparse
import json
import os
import sys
import tempfile

LATENCY = "10ms"
BANDWIDTH = "10MBps"


def size(index):
    return 1000 * (index + 1)


def write_scenario(path, flows):
    scenario = {
        "name": f"one-link-{flows}",
        "topology": {
            "nodes": [{"id": "a"}, {"id": "b"}],
            "links": [{"id": "l", "between": ["a", "b"], "latency": LATENCY,
                       "bandwidth": BANDWIDTH}],
        },
        "workload": {"kind": "transfers", "transfers": [
            {"id": f"t{i}", "from": "a", "to": "b", "bytes": size(i), "start": "0s"}
            for i in range(flows)]},
    }
    with open(path, "w") as f:
        json.dump(scenario, f)


def run_simgrid(flows):
    from simgrid import Actor, Comm, Engine

    platform = f"""<?xml version='1.0'?>
<!DOCTYPE platform SYSTEM "https://simgrid.org/simgrid.dtd">
<platform version="4.1"><zone id="pair" routing="Full">
  <host id="a" speed="1Gf"/> <host id="b" speed="1Gf"/>
  <link id="l" bandwidth="{BANDWIDTH}" latency="{LATENCY}" sharing_policy="SPLITDUPLEX"/>
  <route src="a" dst="b"><link_ctn id="l" direction="UP"/></route>
</zone></platform>"""
    last = [0.0]

    # One actor starts every transfer host to host (an actor per message would need a thread
    # each), then waits for them all.
    def sender(a, b):
        comms = [Comm.sendto_async(a, b, size(index)) for index in range(flows)]
        Comm.wait_all(comms)
        last[0] = Engine.clock

    engine = Engine([sys.argv[0], "--cfg=network/model:CM02", "--cfg=network/crosstraffic:0",
                     "--log=root.thres:critical"])
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
        f.write(platform)
    engine.load_platform(f.name)
    os.unlink(f.name)
    a, b = engine.host_by_name("a"), engine.host_by_name("b")
    Actor.create("sender", a, sender, a, b)
    engine.run()
    print(f"simgrid.one_link.last_completion {last[0]:.9f} s")
    print(f"simgrid.one_link.flows {flows} flows")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--flows", type=int, default=20000)
    parser.add_argument("--scenario", help="write the FedChainSim scenario here and exit")
    args = parser.parse_args()
    if args.scenario:
        write_scenario(args.scenario, args.flows)
    else:
        run_simgrid(args.flows)


if __name__ == "__main__":
    main()
