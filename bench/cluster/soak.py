#!/usr/bin/env python3
"""
Cluster soak (issue 28): a campaign on a loopback cluster (infra/cluster.sh: 3 silos, silo-1 with the GPU role, Redis
membership, Azurite storage) whose silos are killed with kill -9 at random moments, each restarted a moment later,
the first kill always during the campaign's creation (its warm start); then its outcome is compared with the same
campaign run without interruption on a one-silo cluster: final checkpoint step and weights hash, metrics without wall
times, evaluations (as tests/Rlvr.Integration.Tests/CampaignOutcome.cs compares). The campaign is created through a
random silo's API, and created again through another (as a retrying client would) when that silo dies first. Prints
every kill, each trial's verdict (identical, DIVERGED, LOST: no campaign, FAILED, TIMEOUT), and the totals. Bounded:
--kills per trial, --timeout per run; loopback only; every cluster it starts is stopped (infra/cluster.sh down).

    bench/cluster/soak.py [--trials 2] [--kills 3] [--steps 12] [--seed 1] [--timeout 600]
"""
import argparse
import json
import random
import tempfile
import threading
import time

from local_cluster import LocalCluster, call, environment_note, tiny_campaign

SILOS = {"silo-1": "gpu", "silo-2": "cpu", "silo-3": "cpu"}
CAMPAIGN = "soak"


def outcome(server):
    """What must match the uninterrupted run: the final checkpoint, metrics without timings, evaluations."""
    info = call(server, f"campaigns/{CAMPAIGN}", retries=600)
    checkpoints = call(server, f"campaigns/{CAMPAIGN}/checkpoints", retries=600)
    metrics = call(server, f"campaigns/{CAMPAIGN}/metrics", retries=600)
    for m in metrics:
        m.pop("phasesMs", None)
        m.pop("elapsedMs", None)
    last = max(checkpoints, key=lambda c: c["step"])
    return {"checkpoint": last["step"], "weights": last["weightsHash"], "metrics": metrics, "evaluations": info["evaluations"]}


def live(cluster):
    """The API address of a silo that is up (the kill thread restarts the one it kills)."""
    for silo in SILOS:
        try:
            # Written by infra/cluster.sh once the silo is up: absent, or empty for a moment, while it starts.
            if url := cluster.url(silo):
                return url
        except FileNotFoundError:
            continue
    raise RuntimeError("no silo is up")


def create(cluster, config, first, deadline):
    """POST the campaign through `first`, and through another live silo whenever the call fails (its silo died)."""
    silo = first
    while time.monotonic() < deadline:
        try:
            call(cluster.url(silo), "campaigns", {"id": CAMPAIGN, "config": config, "start": True}, retries=5)
            return True
        except (OSError, RuntimeError, ValueError) as error:
            if "409" in str(error):
                return True  # created already, by the call that seemed to fail
            silo = random.choice(list(SILOS))
            time.sleep(0.5)
    return False


def wait_done(cluster, deadline):
    """The campaign's final info, None if it is gone (404: its creation was lost), or the last info at the deadline."""
    info = None
    while time.monotonic() < deadline:
        try:
            info = call(live(cluster), f"campaigns/{CAMPAIGN}", retries=5)
            if info["status"] in ("Completed", "Failed", "Stopped"):
                return info
        except RuntimeError as error:
            if "404" in str(error):
                return None
        except (OSError, ValueError):
            pass  # the silo asked died meanwhile: ask another
        time.sleep(0.5)
    return info


def reference(config, timeout):
    with tempfile.TemporaryDirectory(prefix="rlvr-soak-ref-") as directory, LocalCluster(directory, 1) as cluster:
        started = time.monotonic()
        call(cluster.url("silo-1"), "campaigns", {"id": CAMPAIGN, "config": config, "start": True})
        created = time.monotonic() - started
        info = wait_done(cluster, time.monotonic() + timeout)
        if info is None or info["status"] != "Completed":
            raise RuntimeError(f"the reference run did not complete: {info}")
        return outcome(cluster.url("silo-1")), created, time.monotonic() - started


def trial(number, config, expected, creation, duration, kills, timeout, rng):
    # The first kill during the creation, the others anywhere in the run's length.
    moments = sorted([rng.uniform(0, creation)] + [rng.uniform(0, duration) for _ in range(kills - 1)])
    done = 0
    with tempfile.TemporaryDirectory(prefix="rlvr-soak-") as directory, LocalCluster(directory, 3) as cluster:
        started = time.monotonic()
        deadline = started + timeout
        stop = threading.Event()

        def killer():
            nonlocal done
            for moment in moments:
                if stop.wait(max(0.0, started + moment - time.monotonic())):
                    return
                victim = rng.choice(list(SILOS))
                cluster.kill(victim)
                done += 1
                print(f"trial {number}: killed {victim} at {time.monotonic() - started:.1f} s", flush=True)
                time.sleep(rng.uniform(0.5, 3.0))
                cluster.start(victim, SILOS[victim])

        thread = threading.Thread(target=killer, daemon=True)
        thread.start()
        try:
            created = create(cluster, config, rng.choice(list(SILOS)), deadline)
            info = wait_done(cluster, deadline) if created else None
        finally:
            # The cluster is stopped on the way out: no silo may be (re)starting then.
            stop.set()
            thread.join()
        if info is None:
            return done, "LOST"
        if info["status"] != "Completed":
            verdict = "TIMEOUT" if info["status"] in ("Creating", "Created", "Running") else "FAILED"
            return done, f"{verdict} ({info['status']} at step {info['step']}: {info.get('error')})"
        got = outcome(live(cluster))
        if got == expected:
            return done, "identical"
        differs = [key for key in expected if expected[key] != got[key]]
        return done, f"DIVERGED ({', '.join(differs)})"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=2)
    parser.add_argument("--kills", type=int, default=3, help="kills per trial (at least 1: the one during creation)")
    parser.add_argument("--steps", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=600, help="seconds per run")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    config = tiny_campaign(steps=options.steps)
    print(f"cluster soak: {options.trials} trials, {options.kills} kills each, {options.steps} steps; {environment_note()}", flush=True)
    expected, creation, duration = reference(config, options.timeout)
    print(f"reference (one silo): created in {creation:.1f} s, completed in {duration:.1f} s", flush=True)
    kills = divergences = 0
    for number in range(1, options.trials + 1):
        done, verdict = trial(number, config, expected, creation, duration, max(1, options.kills), options.timeout, rng)
        kills += done
        divergences += verdict != "identical"
        print(f"trial {number}: {verdict}", flush=True)
    print(f"kills: {kills}, trials: {options.trials}, divergences: {divergences}")


if __name__ == "__main__":
    main()
