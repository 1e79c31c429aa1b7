#!/usr/bin/env python3
"""
The product's own overhead as the cluster grows: a deliberately tiny model (orchestration dominates a step) on 1, 2
and 4 loopback silos (infra/cluster.sh) with 1k, 10k and 100k prompts in the pool. For each: per-step orchestration
time (the selection and bookkeeping phases: curriculum, ledger, prompt statistics, replay, state and log writes),
rollout and update time, the whole step, and each silo's resident memory after the run. Two cores cannot show compute
speed-up; rollouts are split in as many batches as silos.

    bench/cluster/scale.py [--silos 1,2,4] [--pools 1000,10000,100000] [--steps 12]
"""
import argparse
import statistics
import tempfile

from local_cluster import LocalCluster, call, environment_note, tiny_campaign, wait_for


def measure(silos, pool, steps):
    with tempfile.TemporaryDirectory(prefix="rlvr-scale-") as directory, LocalCluster(directory, silos) as cluster:
        server = cluster.url("silo-1")
        # Five- and six-digit additions: levels with room for 50,000 distinct prompts each.
        config = tiny_campaign(steps=steps, pool_size=pool // 2, rollout_batches=silos, prompts_per_step=8, levels=(5, 6))
        call(server, "campaigns", {"id": "scale", "config": config, "start": True})
        wait_for(server, "scale", lambda c: c["status"] == "Completed", timeout=1800, interval=0.5)
        metrics = call(server, "campaigns/scale/metrics?since=2")  # the first steps warm caches and JIT
        phases = [m["phasesMs"] for m in metrics]
        mean = lambda key: statistics.mean(p[key] for p in phases)
        memory = [cluster.rss_mib(f"silo-{i}") for i in range(1, silos + 1)]
        return {
            "orchestration": mean("selection") + mean("bookkeeping"),
            "selection": mean("selection"), "bookkeeping": mean("bookkeeping"),
            "rollout": mean("rollout"), "update": mean("update"), "wall": mean("wall"),
            "memory": memory,
        }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--silos", default="1,2,4")
    parser.add_argument("--pools", default="1000,10000,100000")
    parser.add_argument("--steps", type=int, default=12)
    options = parser.parse_args()
    print(f"scale, {environment_note()}; means over steps 3-{options.steps}, ms per step; RSS per silo after the run")
    print("| silos | prompts | orchestration (selection + bookkeeping) | rollout | update | whole step | RSS per silo, MiB |")
    print("|---|---|---|---|---|---|---|")
    for pool in (int(p) for p in options.pools.split(",")):
        for silos in (int(s) for s in options.silos.split(",")):
            r = measure(silos, pool, options.steps)
            print(f"| {silos} | {pool:,} | {r['orchestration']:.1f} ({r['selection']:.1f} + {r['bookkeeping']:.1f}) | "
                  f"{r['rollout']:.1f} | {r['update']:.1f} | {r['wall']:.1f} | "
                  f"{' / '.join(f'{m:.0f}' for m in r['memory'])} |", flush=True)


if __name__ == "__main__":
    main()
