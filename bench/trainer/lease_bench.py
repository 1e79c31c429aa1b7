#!/usr/bin/env python3
"""Lease round trips with N external trainers at once (issue 18): each thread asks for a task without waiting
(waitSeconds 0, so a call's time is the protocol's, not the campaign's; reports do not ask for the next task), reports
its lease's groups at once with its own rewards, and reports updates; the campaign's step does the rest. Prints p50/p99 of the task calls that got a lease
and of the group reports, and the campaign's steps per second.

Usage: lease_bench.py <server> <campaign> [trainers=8]   (bench/trainer-leases.sh starts the silo and the campaign)
"""
import json
import os
import statistics
import sys
import threading
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "clients", "python"))
from rlvr_trainer import TrainerClient  # noqa: E402

server, campaign = sys.argv[1], sys.argv[2]
trainers = int(sys.argv[3]) if len(sys.argv) > 3 else 8
leases, reports, updates = [], [], []
lock = threading.Lock()


def timed(samples, call):
    started = time.perf_counter()
    result = call()
    with lock:
        samples.append((time.perf_counter() - started) * 1000)
    return result


def work(name):
    client = TrainerClient(server, campaign, trainer=name, ask_next=False)  # each call on its own, to time it
    while True:
        started = time.perf_counter()
        task = client.next_task(wait_seconds=0)
        elapsed = (time.perf_counter() - started) * 1000
        if task.kind == "done":
            return
        if task.kind == "wait":
            time.sleep(0.005)
            continue
        if task.kind in ("rollout", "evaluate"):
            with lock:
                leases.append(elapsed)
        if task.kind == "rollout":
            size = task.sampling.group_size
            groups = [{"promptId": p.prompt_id,
                       "completions": [{"text": f"c{i}", "tokenCount": 4, "reward": float((i + len(p.prompt)) % 2)}
                                       for i in range(size)]} for p in task.lease.prompts]
            timed(reports, lambda: client.report_groups(task.lease.id, groups))
        elif task.kind == "evaluate":
            client.report_evaluation(task.lease.id, [{"promptId": p.prompt_id, "greedy": "x", "sampled": "y"}
                                                     for p in task.lease.prompts])
        elif task.kind == "update":
            step = task.update.step
            timed(updates, lambda: client.report_update(step, step, loss=0.1, kl=0.0, entropy=1.0, grad_norm=1.0,
                                                        clip_fraction=0.0))


def percentile(samples, q):
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1] if len(samples) > 1 else float("nan")


started = time.perf_counter()
threads = [threading.Thread(target=work, args=(f"trainer-{i}",)) for i in range(trainers)]
for t in threads:
    t.start()
for t in threads:
    t.join()
seconds = time.perf_counter() - started
with urllib.request.urlopen(f"{server.rstrip('/')}/api/v1/campaigns/{campaign}") as answer:
    steps = json.load(answer)["step"]
print(f"{trainers} trainers: {steps} steps in {seconds:.1f} s ({steps / seconds:.2f} steps/s)")
for name, samples in (("lease (POST tasks)", leases), ("report groups", reports), ("report update", updates)):
    print(f"  {name}: n={len(samples)} p50={percentile(samples, 50):.2f} ms p99={percentile(samples, 99):.2f} ms")
