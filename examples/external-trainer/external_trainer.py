#!/usr/bin/env python3
"""grpo_loop.py's PyTorch GRPO loop as the external trainer of an Rlvr.Orleans campaign (trainer: mode: external).

    rlvr campaign create campaign.yaml --id ext    # its config has  trainer: {mode: external}
    examples/external-trainer/run.sh --server http://127.0.0.1:5280 --campaign ext [--token T]

The campaign is the brain: it picks the prompts (curriculum), scores the completions (verifier), computes the
advantages, replays groups and decides when to evaluate. This script samples and trains, one task at a time: a rollout
lease gets groupSize completions of each prompt from the current model (reported with their token ids and log-probs,
without rewards); an update runs one clipped-surrogate step on the step's groups (grpo_loop.py's grpo_update, each
group's loss times its stepScale) and is reported with policyVersion = step; an evaluation lease gets a greedy and a
sampled completion of each prompt. The optimizer's settings are the trainer's (the protocol carries none): the
defaults are grpo_loop.py's, which are the quickstart's. The model and optimizer live in memory only: the silo keeps
every report through a restart, a restarted trainer starts again from random weights.
"""
import argparse
import json
import time

import torch

# run.sh puts both on the path: the model and loop of bench/pytorch, the client of clients/python.
from grpo_loop import END, GPT, decode, encode, grpo_update, sample
from rlvr_trainer import LeaseGone, TrainerClient


def completions(model, prompts, group, max_new_tokens, temperature):
    """{promptId: [(token ids, log-probs)] * n}, each up to and including the stop token if it came; n is group(prompt)."""
    by_shape = {}  # sample() takes prompts of one length, and one count of completions per call
    for p in prompts:
        by_shape.setdefault((len(encode(p.prompt)), group(p)), []).append(p)
    out = {}
    for (_, n), batch in by_shape.items():
        prompt_tokens = torch.tensor([encode(p.prompt) for p in batch])
        tokens, logps, lengths = sample(model, prompt_tokens, n, max_new_tokens, temperature)
        for i, p in enumerate(batch):
            rows = range(i * n, (i + 1) * n)
            out[p.prompt_id] = [(tokens[r, :lengths[r]].tolist(), logps[r, :lengths[r]].tolist()) for r in rows]
    return out


def rollout(model, lease, sampling):
    if sampling.top_p < 1:
        raise NotImplementedError("top_p < 1: grpo_loop.py's sampler has no nucleus sampling")
    groups = completions(model, lease.prompts, lambda p: p.completions, sampling.max_new_tokens, sampling.temperature)
    return [{"promptId": prompt_id,
             "completions": [{"text": decode(ids), "tokenCount": len(ids), "tokenIds": ids, "logProbs": logps}
                             for ids, logps in group]}
            for prompt_id, group in groups.items()]


def evaluate(model, lease, sampling):
    greedy = completions(model, lease.prompts, lambda p: 1, sampling.max_new_tokens, 0.0)
    sampled = completions(model, lease.prompts, lambda p: 1, sampling.max_new_tokens, sampling.temperature)
    return [{"promptId": p.prompt_id, "greedy": decode(greedy[p.prompt_id][0][0]),
             "sampled": decode(sampled[p.prompt_id][0][0])} for p in lease.prompts]


def train(model, optimizer, args, update):
    """One update on the step's groups: prompt + completion rows, right-padded (causal attention keeps the padding out
    of the real tokens' log-probs), the silo's advantages, each row's loss weighed by its group's stepScale."""
    rows = [(encode(g.prompt), c.token_ids or encode(c.text)[1:], c.advantage, g.step_scale)  # ids are optional
            for g in update.groups for c in g.completions]
    sequences = torch.full((len(rows), max(len(p) + len(c) for p, c, _, _ in rows)), END, dtype=torch.long)
    mask = torch.zeros(sequences.size(0), sequences.size(1) - 1)
    for i, (prompt, completion, _, _) in enumerate(rows):
        sequences[i, :len(prompt) + len(completion)] = torch.tensor(prompt + completion)
        mask[i, len(prompt) - 1:len(prompt) - 1 + len(completion)] = 1  # token t's log-prob comes from position t - 1
    advantages = torch.tensor([[a] for _, _, a, _ in rows])
    scale = torch.tensor([[s] for _, _, _, s in rows])
    return grpo_update(model, optimizer, args, sequences, 0, mask, advantages, scale=scale)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server", required=True, help="the silo's URL, e.g. http://127.0.0.1:5280")
    parser.add_argument("--campaign", required=True, help="the campaign's id")
    parser.add_argument("--token", help="the API's bearer token, if the silo requires one")
    parser.add_argument("--trainer", default="pytorch", help="this trainer's name, as the silo's leases show it")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--width", type=int, default=128)
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--context", type=int, default=64)
    parser.add_argument("--lr", type=float, default=2e-4)
    parser.add_argument("--clip-low", type=float, default=0.2)
    parser.add_argument("--clip-high", type=float, default=0.28)
    parser.add_argument("--dual-clip", type=float, default=3.0)
    parser.add_argument("--log", help="a file to append each acknowledged report to, as JSON lines (the tests read it)")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    model = GPT(width=args.width, layers=args.layers, heads=args.heads, context=args.context)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.95), weight_decay=0.0)
    client = TrainerClient(args.server, args.campaign, args.token, args.trainer, seed=args.seed)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), "
          f"{sum(p.numel() for p in model.parameters())} parameters; campaign {args.campaign} on {args.server}")

    log = open(args.log, "a", encoding="utf-8") if args.log else None

    def logged(**report):
        if log:
            log.write(json.dumps(report) + "\n")
            log.flush()

    # A step's time, the part of it spent in the protocol's calls (waiting for the campaign included), and the
    # trainer's own work: sampling and building reports, training.
    started, protocol, sampling, training = time.perf_counter(), 0.0, 0.0, 0.0

    def call(f, *a, **k):
        nonlocal protocol
        t = time.perf_counter()
        result = f(*a, **k)
        protocol += time.perf_counter() - t
        return result

    while (task := call(client.next_task)).kind != "done":
        try:
            if task.kind == "rollout":
                t = time.perf_counter()
                groups = rollout(model, task.lease, task.sampling)
                sampling += time.perf_counter() - t
                call(client.report_groups, task.lease.id, groups)
                logged(report="groups", lease=task.lease.id, step=task.lease.step, promptIds=[g["promptId"] for g in groups],
                       tokens=sum(c["tokenCount"] for g in groups for c in g["completions"]))
            elif task.kind == "evaluate":
                call(client.report_evaluation, task.lease.id, evaluate(model, task.lease, task.sampling))
                logged(report="evaluation", lease=task.lease.id, step=task.lease.step)
            elif task.kind == "update":
                update = task.update
                t = time.perf_counter()
                s = train(model, optimizer, args, update)
                training += time.perf_counter() - t
                # kl 0: beta is 0, there is no reference model to measure it against (the product reports 0 then too).
                call(client.report_update, update.step, update.step, loss=s["loss"], kl=0.0, entropy=s["entropy"],
                     grad_norm=s["grad_norm"], clip_fraction=s["clip_fraction"])
                rewards = [c.reward for g in update.groups for c in g.completions]
                logged(report="update", step=update.step, loss=s["loss"], entropy=s["entropy"], gradNorm=s["grad_norm"],
                       clipFraction=s["clip_fraction"], batchReward=sum(rewards) / len(rewards))
                print(f"step {update.step}: reward {sum(rewards) / len(rewards):.3f}, loss {s['loss']:.4f}, "
                      f"sampling {1000 * sampling:.1f} ms, training {1000 * training:.1f} ms, "
                      f"protocol {1000 * protocol:.1f} ms, {1000 * (time.perf_counter() - started):.1f} ms", flush=True)
                started, protocol, sampling, training = time.perf_counter(), 0.0, 0.0, 0.0
            elif task.kind != "wait":
                raise ValueError(f"unknown task kind {task.kind!r}")
        except LeaseGone as e:  # expired and re-issued: the work is someone else's now
            print(f"lease {task.lease.id} gone ({e.detail}); asking again", flush=True)
    print("campaign done")


if __name__ == "__main__":
    main()
