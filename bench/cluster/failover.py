#!/usr/bin/env python3
"""
Failover on a loopback cluster (infra/cluster.sh: 3 silos, Redis or Azure Table membership, Azurite storage, the
membership settings of src/Silo/appsettings.json): kill -9 one silo while a campaign runs, at no chosen point, and time
until the step that was in flight at the kill has completed on the survivors (detection, re-placement, restore from
the last checkpoint and the recomputed steps included). Silos: silo-1 has the GPU role (the learner), silo-2 hosts the
campaign grain (created through its API), silo-3 only rolls out.

    bench/cluster/failover.py [--repeats 3] [--membership redis|azure]
"""
import argparse
import statistics
import tempfile
import time

from local_cluster import LocalCluster, call, environment_note, tiny_campaign, wait_for

TARGETS = {"learner (silo-1)": "silo-1", "campaign (silo-2)": "silo-2", "rollout-only (silo-3)": "silo-3"}


def one_failover(membership, victim, run):
    with tempfile.TemporaryDirectory(prefix="rlvr-failover-") as directory, LocalCluster(directory, 3, membership) as cluster:
        # Ask a survivor: the campaign's own silo may be the one killed.
        creator = cluster.url("silo-2")
        survivor = cluster.url("silo-3" if victim != "silo-3" else "silo-2")
        call(creator, "campaigns", {"id": run, "config": tiny_campaign(steps=400), "start": True})
        at_kill, _ = wait_for(creator, run, lambda c: c["step"] >= 20)
        cluster.kill(victim)
        killed = time.monotonic()
        in_flight = at_kill["step"] + 1
        info, _ = wait_for(survivor, run, lambda c: c["step"] >= in_flight, timeout=300)
        seconds = time.monotonic() - killed
        call(survivor, f"campaigns/{run}/stop", {})
        return seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--membership", default="redis", choices=["redis", "azure"])
    options = parser.parse_args()
    print(f"failover, {options.membership} membership, {environment_note()}; seconds from kill -9 to the step in flight completed")
    for label, victim in TARGETS.items():
        times = [one_failover(options.membership, victim, f"failover-{victim}-{i}") for i in range(options.repeats)]
        print(f"{label}: median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}; "
              f"{', '.join(f'{t:.2f}' for t in times)})", flush=True)


if __name__ == "__main__":
    main()
