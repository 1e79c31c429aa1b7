"""A loopback cluster started by infra/cluster.sh, and the little of the HTTP API the cluster benchmarks need."""
import json
import os
import pathlib
import subprocess
import time
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]


class LocalCluster:
    def __init__(self, directory, silos=3, membership="redis"):
        self.directory = pathlib.Path(directory)
        self.silos = silos
        self.membership = membership

    def __enter__(self):
        self._script("up", "--silos", str(self.silos), "--membership", self.membership)
        return self

    def __exit__(self, *_):
        self._script("down")

    def url(self, silo):
        return (self.directory / f"{silo}.url").read_text().strip()

    def pid(self, silo):
        return int((self.directory / f"{silo}.pid").read_text())

    def kill(self, silo):
        self._script("kill", silo)

    def start(self, silo, role="cpu"):
        self._script("start", silo, "--role", role)

    def log(self, silo):
        return (self.directory / f"{silo}.log").read_text(errors="replace")

    def rss_mib(self, silo):
        """Resident memory of the silo's process, MiB (VmRSS)."""
        for line in pathlib.Path(f"/proc/{self.pid(silo)}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError(f"{silo}: no VmRSS")

    def _script(self, *arguments):
        subprocess.run([str(ROOT / "infra" / "cluster.sh"), *arguments, "--dir", str(self.directory)],
                       check=True, stdout=subprocess.DEVNULL if arguments[0] == "down" else None)


def call(server, path, body=None, retries=50):
    """GET or POST (with a JSON body) /api/v1/<path>; a 503 or a refused connection is retried."""
    data = None if body is None else json.dumps(body).encode()
    for attempt in range(retries):
        request = urllib.request.Request(f"{server.rstrip('/')}/api/v1/{path}", data=data,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as e:
            if e.code != 503 or attempt == retries - 1:
                raise RuntimeError(f"{path}: {e.code} {e.read().decode(errors='replace')}") from e
        except urllib.error.URLError:
            if attempt == retries - 1:
                raise
        time.sleep(0.1)


def wait_for(server, campaign, until, timeout=600, interval=0.02):
    """Polls the campaign until until(info) holds; returns (info, seconds waited)."""
    started = time.monotonic()
    while True:
        info = call(server, f"campaigns/{campaign}", retries=600)
        if until(info):
            return info, time.monotonic() - started
        if info["status"] in ("Failed", "Stopped") or time.monotonic() - started > timeout:
            raise RuntimeError(f"campaign {campaign}: {info['status']} at step {info['step']} ({info.get('error')})")
        time.sleep(interval)


def tiny_campaign(steps, pool_size=40, rollout_batches=3, prompts_per_step=6, levels=(1, 2)):
    """A deliberately tiny model and task, so that orchestration, not compute, dominates a step."""
    return f"""seed: 11
steps: {steps}
rollout_batches: {rollout_batches}
model:
  width: 32
  layers: 1
  heads: 2
  context: 32
tasks:
  builtin:
    - family: addition
      levels: [{", ".join(str(level) for level in levels)}]
  eval_size: 4
  eval_fraction: 0.2
  pool_size: {pool_size}
grpo:
  group_size: 4
  prompts_per_step: {prompts_per_step}
  beta: 0.0
  max_new_tokens: 8
strategy:
  name: dump
warm_start:
  steps: 3
  levels: [addition/{levels[0]}]
  batch_size: 8
evaluation:
  interval: 1000
checkpoint:
  interval: 2
  keep_last: 2
"""


def environment_note():
    return f"{os.cpu_count()} CPUs, {os.uname().machine}"
