"""A client for the external trainer protocol (v1) of an Rlvr.Orleans silo; the standard library only.

    client = TrainerClient("http://127.0.0.1:5280", "my-campaign", token=None, trainer="worker-1")
    while (task := client.next_task()).kind != "done":
        if task.kind == "rollout":    # p.completions completions of each of task.lease.prompts
            client.report_groups(task.lease.id, [
                {"promptId": p.prompt_id, "completions": [{"text": "42", "tokenCount": 2}] * p.completions}
                for p in task.lease.prompts])
        elif task.kind == "evaluate":  # one greedy and one sampled completion of each prompt
            client.report_evaluation(task.lease.id, [
                {"promptId": p.prompt_id, "greedy": "42", "sampled": "42"} for p in task.lease.prompts])
        elif task.kind == "update":   # train on task.update.groups, then (grad_norm=, clip_fraction= optional)
            client.report_update(task.update.step, task.update.step, loss=0.0, kl=0.0, entropy=0.0)

Tasks arrive as the dataclasses below (snake_case); reports are plain dicts with the protocol's camelCase fields.
Each report asks for the trainer's next task in the same call, and next_task returns that one without a call.
Every call retries connection failures and 502/503/504 with exponential backoff (the silo may be restarting);
retrying a report is safe, the silo counts it once. A lease that expired answers LeaseGone: ask for a task again.

A campaign with a built-in learner publishes its policy versions; fetch_weights reads one (the exported weights as
bytes), as a delta applied to the version held when the learner published it so and that is the version before:

    weights = client.fetch_weights(5)                 # whole
    weights = client.fetch_weights(6, held=weights)   # the changed words since 5, or whole when they do not check out
"""
from __future__ import annotations

import email.utils
import hashlib
import http.client
import json
import random
import struct
import time
import urllib.parse
import zlib
from dataclasses import dataclass

RETRY_STATUS = {502, 503, 504}


class RlvrApiError(Exception):
    """A problem+json answer: status, title, detail and, for a 400, errors (field -> messages)."""

    def __init__(self, status: int, title: str, detail: str | None = None, errors: dict | None = None):
        super().__init__(f"{status} {title}" + (f": {detail}" if detail else "") + (f" {errors}" if errors else ""))
        self.status, self.title, self.detail, self.errors = status, title, detail, errors or {}


class LeaseGone(RlvrApiError):
    """410: the lease expired and its unreported prompts went out under a new id (the detail names it)."""


class WeightsError(ValueError):
    """Fetched weights that do not check out: a chunk, a blob or a rebuilt version without its SHA-256, a bad delta."""


@dataclass
class PolicyWeights:
    """A policy version's exported weights (the learner's libtorch archive), their SHA-256 and the learner's hash of
    them, and how they were read: "whole" or "delta" (applied to the version before)."""
    version: int
    data: bytes
    sha256: str
    weights_hash: str
    read_as: str


@dataclass
class Prompt:
    """A prompt of a lease: its id (report it back), its distribution (curriculum arm), its text, and how many
    completions to sample of it (the group size unless the campaign's strategy budgets each prompt)."""
    prompt_id: str
    distribution: str
    prompt: str
    completions: int


@dataclass
class Lease:
    """Prompts to roll out (or evaluate) with the policy of policy_version; round -1 is the DOTS reference set."""
    id: str
    step: int
    round: int
    policy_version: int
    expires_utc: str
    prompts: list[Prompt]


@dataclass
class Sampling:
    """How to sample: group_size completions per prompt (rollouts), at most max_new_tokens each."""
    group_size: int
    max_new_tokens: int
    temperature: float
    top_p: float


@dataclass
class Completion:
    """A reported completion with the reward the silo gave it and the group-relative advantage it computed."""
    text: str
    token_count: int
    reward: float
    advantage: float
    token_ids: list[int] | None = None
    log_probs: list[float] | None = None


@dataclass
class Group:
    """A prompt's completions to train on; step_scale multiplies the group's loss (replayed groups weigh less)."""
    prompt_id: str
    distribution: str
    prompt: str
    step: int
    round: int
    policy_version: int
    replays: int
    step_scale: float
    completions: list[Completion]


@dataclass
class Update:
    """The batch of a step (fresh and replayed groups); train on it, then report_update(step, ...)."""
    step: int
    policy_version: int
    groups: list[Group]


@dataclass
class Task:
    """kind: rollout | evaluate (lease, sampling), update (update), wait (ask again), done (the campaign ended)."""
    kind: str
    lease: Lease | None = None
    sampling: Sampling | None = None
    update: Update | None = None


_SNAKE: dict[str, str] = {}  # camelCase key -> snake_case name, computed once per key


def _fields(cls, data: dict, **nested) -> object:
    """cls from a camelCase JSON object: its fields by snake_case name (unknown ones ignored), nested as given."""
    names = cls.__dataclass_fields__
    known = {}
    for key, value in data.items():
        name = _SNAKE.get(key)
        if name is None:
            name = _SNAKE[key] = "".join("_" + c.lower() if c.isupper() else c for c in key)
        if name in names and name not in nested:
            known[name] = value
    return cls(**known, **nested)


def _task(data: dict) -> Task:
    lease = data.get("lease")
    if lease is not None:
        lease = _fields(Lease, lease, prompts=[_fields(Prompt, p) for p in lease["prompts"]])
    update = data.get("update")
    if update is not None:
        groups = [_fields(Group, g, completions=[_fields(Completion, c) for c in g["completions"]])
                  for g in update["groups"]]
        update = _fields(Update, update, groups=groups)
    sampling = data.get("sampling") and _fields(Sampling, data["sampling"])
    return Task(data["kind"], lease, sampling, update)


class TrainerClient:
    """One method per protocol call. timeout: seconds per request, beyond the long poll's wait for next_task.
    retries: attempts after the first on a connection failure or 502/503/504 (backoff 0.5 s doubling to 30 s).
    ask_next: reports ask for the next task in the same call (next_wait_seconds at most), as next_task would."""

    def __init__(self, server: str, campaign: str, token: str | None = None, trainer: str = "python",
                 retries: int = 8, timeout: float = 30.0, seed: int | None = None, ask_next: bool = True):
        self.server = urllib.parse.urlsplit(server.rstrip("/"))
        self.path = f"{self.server.path}/api/v1/campaigns/{urllib.parse.quote(campaign, safe='')}/trainer/"
        self._connection: http.client.HTTPConnection | None = None  # kept alive between calls
        self._next: Task | None = None  # the next task, as the last report's answer brought it
        self.ask_next = ask_next  # whether reports ask for the next task (False: one call per protocol step)
        self.next_wait_seconds = 5  # how long a report's answer may wait for the next task
        self.token, self.trainer, self.retries, self.timeout = token, trainer, retries, timeout
        self._random = random.Random(seed)  # jitter only: spreads the retries of several trainers

    def next_task(self, wait_seconds: int = 20) -> Task:
        """Work to do; the silo answers as soon as there is some, or "wait" after wait_seconds (0..60). The last report
        asked for it already (its answer brought it), unless that was "wait"."""
        task, self._next = self._next, None
        if task is not None and task.kind != "wait":
            return task
        body = {"trainer": self.trainer, "waitSeconds": wait_seconds}
        return _task(self._post("tasks", body, self.timeout + wait_seconds))

    def report_groups(self, lease_id: str, groups: list[dict]) -> dict:
        """Rolled-out groups, group_size completions each: {"promptId", "completions": [{"text", "tokenCount",
        "tokenIds"?, "logProbs"?, "reward"?}]}. Answers {"accepted", "duplicates", "remaining"}."""
        return self._report(f"leases/{urllib.parse.quote(lease_id, safe='')}/groups", {"groups": groups})

    def report_evaluation(self, lease_id: str, completions: list[dict]) -> dict:
        """[{"promptId", "greedy", "sampled"}] for an evaluate lease. Answers as report_groups."""
        return self._report(f"leases/{urllib.parse.quote(lease_id, safe='')}/evaluation", {"completions": completions})

    def report_update(self, step: int, policy_version: int, loss: float, kl: float, entropy: float,
                      grad_norm: float | None = None, clip_fraction: float | None = None,
                      metrics: dict[str, float] | None = None) -> dict:
        """The update of step done. grad_norm and clip_fraction are optional (the step's metrics show none without
        them). Answers {"step", "duplicate"}; 409 (RlvrApiError) for another step."""
        body = {"step": step, "policyVersion": policy_version, "loss": loss, "kl": kl, "entropy": entropy,
                "metrics": metrics or {}}
        if grad_norm is not None:
            body["gradNorm"] = grad_norm
        if clip_fraction is not None:
            body["clipFraction"] = clip_fraction
        return self._report("updates", body)

    def fetch_weights(self, version: int, held: PolicyWeights | None = None) -> PolicyWeights:
        """Policy version `version` of a campaign with a built-in learner. When the learner published it as a delta
        from the version `held` is, the delta's chunks are fetched and applied to held; otherwise, or when the rebuilt
        bytes do not have the version's SHA-256, the version is read whole. Every chunk is checked against its SHA-256.
        RlvrApiError: 404 when the learner no longer holds the version, 409 when the campaign has no built-in learner."""
        if held is not None:
            info = self._get_json(f"weights/{version}")
            if info["kind"] == "whole":
                return self._checked(info, self._blob(info), "whole")
            if info["baseVersion"] == held.version:
                try:
                    return self._checked(info, apply_word_delta(held.data, self._blob(info)), "delta")
                except WeightsError:
                    pass  # read whole below
        info = self._get_json(f"weights/{version}?whole=true")
        return self._checked(info, self._blob(info), "whole")

    def _blob(self, info: dict) -> bytes:
        """A published blob from its chunks, each checked against its SHA-256 and length, then the whole."""
        parts = []
        for chunk in info["chunks"]:
            data = self._send("GET", f"weights/chunks/{chunk['blob']}/{chunk['sha256']}", None)
            if len(data) != chunk["length"] or hashlib.sha256(data).hexdigest() != chunk["sha256"]:
                raise WeightsError(f"chunk {chunk['sha256']} of version {info['version']}: {len(data)} bytes, "
                                   f"SHA-256 {hashlib.sha256(data).hexdigest()}")
            parts.append(data)
        blob = b"".join(parts)
        if len(blob) != info["length"] or hashlib.sha256(blob).hexdigest() != info["sha256"]:
            raise WeightsError(f"the chunks of version {info['version']} do not make up its {info['kind']} blob")
        return blob

    @staticmethod
    def _checked(info: dict, data: bytes, read_as: str) -> PolicyWeights:
        sha256 = hashlib.sha256(data).hexdigest()
        if sha256 != info["weightsSha256"]:
            raise WeightsError(f"version {info['version']} read {read_as} has SHA-256 {sha256}, not {info['weightsSha256']}")
        return PolicyWeights(info["version"], data, sha256, info["weightsHash"], read_as)

    def _get_json(self, path: str) -> dict:
        return json.loads(self._send("GET", path, None))

    def _report(self, path: str, body: dict) -> dict:
        """A report that asks for the next task with it (one round trip fewer), kept for next_task."""
        if self.ask_next:
            body["next"] = {"trainer": self.trainer, "waitSeconds": self.next_wait_seconds}
        answer = self._post(path, body, self.timeout + self.next_wait_seconds)
        self._next = _task(answer.pop("next")) if answer.get("next") else None
        return answer

    def _post(self, path: str, body: dict, timeout: float | None = None) -> dict:
        return json.loads(self._send("POST", path, json.dumps(body, separators=(",", ":")).encode(), timeout))

    def _send(self, method: str, path: str, data: bytes | None, timeout: float | None = None) -> bytes:
        headers = {"Accept": "application/json, application/octet-stream"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        attempt = 0
        while True:
            try:
                status, reason, answer, retry_after = self._request(method, self.path + path, data, headers, timeout or self.timeout)
                if status < 400:
                    return answer
                if status not in RETRY_STATUS or attempt == self.retries:
                    raise _error(status, reason, answer)
                # Retry-After as the least wait: the silo says 1 s while it restores, which may take longer than retries.
                delay = max(_retry_after(retry_after) or 0.0, self._backoff(attempt))
            except (OSError, http.client.HTTPException):  # refused, reset, timed out, disconnected mid-answer
                if attempt == self.retries:
                    raise
                delay = self._backoff(attempt)
            time.sleep(delay)
            attempt += 1

    def _request(self, method: str, path: str, data: bytes | None, headers: dict,
                 timeout: float) -> tuple[int, str, bytes, str | None]:
        """One request on the kept-alive connection. One the server closed while idle is opened again at once, once."""
        stale = self._connection is not None
        while True:
            if self._connection is None:
                kind = http.client.HTTPSConnection if self.server.scheme == "https" else http.client.HTTPConnection
                self._connection = kind(self.server.hostname, self.server.port, timeout=timeout)
            self._connection.timeout = timeout
            if self._connection.sock is not None:
                self._connection.sock.settimeout(timeout)
            try:
                self._connection.request(method, path, data, headers)
                response = self._connection.getresponse()
                return response.status, response.reason, response.read(), response.getheader("Retry-After")
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self._close()
                if not stale:
                    raise
                stale = False
            except (OSError, http.client.HTTPException):
                self._close()
                raise

    def _close(self):
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _backoff(self, attempt: int) -> float:
        return min(30.0, 0.5 * 2**attempt) * self._random.uniform(0.5, 1.0)


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds, given as seconds or as an HTTP date."""
    if not value:
        return None
    try:
        if value.strip().isdigit():
            return float(value)
        seconds = email.utils.parsedate_to_datetime(value).timestamp() - time.time()
    except (TypeError, ValueError):
        return None
    return max(0.0, seconds)


def _error(status: int, reason: str, body: bytes) -> RlvrApiError:
    try:
        problem = json.loads(body or b"{}")
    except ValueError:  # not JSON: a proxy's page
        problem = {}
    kind = LeaseGone if status == 410 else RlvrApiError
    return kind(status, problem.get("title") or reason, problem.get("detail"), problem.get("errors"))


_DELTA_MAGIC = 0x31445752  # "RWD1"
_DELTA_HEADER = struct.Struct("<IBqq32s32s")


def apply_word_delta(base: bytes, delta: bytes) -> bytes:
    """The buffer a published delta (src/Storage/Deltas/WordDelta.cs) rebuilds from base. The delta is zlib over: a
    header (magic "RWD1", word size 2 or 4, the result's length, the count of changed words, the SHA-256 of its base and
    of its result), the changed words' indices as gaps in varints, their values in byte planes (every word's byte 0,
    then byte 1, ...), and the bytes after the last whole word. WeightsError when base is not the delta's base, the
    delta is malformed, or the result is not the buffer it was made from."""
    try:
        payload = zlib.decompress(delta)
    except zlib.error as e:
        raise WeightsError(f"word delta: not a zlib stream ({e})") from e
    if len(payload) < _DELTA_HEADER.size:
        raise WeightsError("word delta: no RWD1 header")
    magic, word, length, count, base_sha256, result_sha256 = _DELTA_HEADER.unpack_from(payload)
    words = length // word if word in (2, 4) else 0
    if magic != _DELTA_MAGIC or word not in (2, 4) or length < 0 or not 0 <= count <= words:
        raise WeightsError(f"word delta: bad header (word size {word}, length {length}, {count} changed words)")
    if len(base) != length or hashlib.sha256(base).digest() != base_sha256:
        raise WeightsError("word delta: made against other base weights than the ones given")
    at, last, indices = _DELTA_HEADER.size, -1, []
    for _ in range(count):
        gap = shift = 0
        while True:
            if at >= len(payload) or shift > 63:
                raise WeightsError("word delta: the indices end mid-varint")
            byte = payload[at]
            at += 1
            gap |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                break
        last += 1 + gap
        if last >= words:
            raise WeightsError(f"word delta: index {last} is past the last word ({words - 1})")
        indices.append(last)
    tail = length % word
    if len(payload) - at != count * word + tail:
        raise WeightsError(f"word delta: {len(payload) - at} bytes of values, {count * word + tail} expected")
    values = bytearray(count * word)
    for plane in range(word):  # byte planes back to words
        values[plane::word] = payload[at + plane * count:at + (plane + 1) * count]
    result = bytearray(base)
    target = memoryview(result)[:words * word].cast("H" if word == 2 else "I")
    source = memoryview(values).cast("H" if word == 2 else "I")
    for i, index in enumerate(indices):
        target[index] = source[i]
    target.release()
    if tail:
        result[-tail:] = payload[len(payload) - tail:]
    if hashlib.sha256(result).digest() != result_sha256:
        raise WeightsError("word delta: the rebuilt weights do not have the SHA-256 of the ones the delta was made from")
    return bytes(result)
