#!/usr/bin/env python3
"""The product's GRPO loop written as a plain PyTorch script: the baseline a user would otherwise write.

Same model as src/Torch/native/gpt.cpp (pre-LN blocks, rotary positions, attention written out, tied
embeddings; the quickstart's width 128, 4 layers, 4 heads, context 64, the character vocabulary of 98),
same task (addition/n in AdditionFamily's zero-padded format, numeric reward), same step: B prompts x G
completions sampled with a KV cache at temperature 1 (a row stops at the end token, the batch when every
row has), group-relative advantages (r - mean) / (Bessel std + 1e-6), the clipped surrogate with dual clip,
token-mean loss, beta = 0, AdamW (betas 0.9/0.95, no weight decay) with grad-clip 1.0, one pass per step.
Like the product (LearnerGrain with old_logprobs null), the "old" log-probs are recomputed by a no-grad
forward before the update, as verl does; --old-from-rollout uses the sampler's log-probs instead.

It starts from random weights, so rewards are ~0 (the advantages are then 0 and the update changes little).
That does not change the compute, provided the product also starts from random weights (warm_start.steps 0):
a random policy emits the end token with p ~ 1/98 per token, so a few rows stop early (~1970 of 2048 tokens
per step) but sampling only stops when every row of the batch (in the product: of a prompt's group) has,
which practically never happens. Both sides then run the same 7 cached decode forwards and an update on the
same padded [256, 15 + 8] batch; the tokens printed per step let both sides be checked.
"""
import argparse
import json
import math
import random
import re
import time
from decimal import Decimal

import torch
import torch.nn as nn
import torch.nn.functional as F

# CharTokenizer.cs: 0 = begin, 1 = end (the stop token), 2 = newline, then printable ASCII ' '..'~'.
BEGIN, END, VOCAB = 0, 1, 3 + 95
NUMBER = re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)\s*")


def encode(text):
    return [BEGIN] + [2 if c == "\n" else 3 + ord(c) - 32 for c in text]


def decode(ids):
    return "".join("\n" if i == 2 else chr(i - 3 + 32) for i in ids if i > 1)


def addition(level, rng, max_level=6):
    """AdditionFamily: '000123+000045=' -> '0000168'."""
    low, high = (0 if level == 1 else 10 ** (level - 1)), 10**level
    a, b = rng.randrange(low, high), rng.randrange(low, high)
    return f"{a:0{max_level}d}+{b:0{max_level}d}=", f"{a + b:0{max_level + 1}d}"


def reward(completion, answer):
    m = NUMBER.fullmatch(completion)
    return float(m is not None and Decimal(m[1]) == Decimal(answer))


def rotate(x, cos, sin):
    a, b = x.chunk(2, -1)
    return torch.cat([a * cos - b * sin, a * sin + b * cos], -1)


class Block(nn.Module):
    def __init__(self, d, heads, layers):
        super().__init__()
        self.heads = heads
        self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.qkv, self.proj = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.fc, self.out = nn.Linear(d, 4 * d), nn.Linear(4 * d, d)
        for lin, std in [(self.qkv, 0.02), (self.fc, 0.02), (self.proj, 0.02 / math.sqrt(2 * layers)), (self.out, 0.02 / math.sqrt(2 * layers))]:
            nn.init.normal_(lin.weight, std=std)
            nn.init.zeros_(lin.bias)

    def attention(self, x, cos, sin, mask, cache):
        b, t, d = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        q, k = rotate(q, cos, sin), rotate(k, cos, sin)
        if cache is not None:  # cache = [keys, values] of the earlier positions, grown in place
            if cache:
                k, v = torch.cat([cache[0], k], 2), torch.cat([cache[1], v], 2)
            cache[:] = [k, v]
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(q.size(-1))
        if mask is not None:
            scores = scores.masked_fill(mask, -1e9)
        y = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, d)
        return self.proj(y)

    def forward(self, x, cos, sin, mask, cache):
        x = x + self.attention(self.ln1(x), cos, sin, mask, cache)
        return x + self.out(F.gelu(self.fc(self.ln2(x))))


class GPT(nn.Module):
    def __init__(self, vocab=VOCAB, width=128, layers=4, heads=4, context=64):
        super().__init__()
        self.embedding = nn.Embedding(vocab, width)
        nn.init.normal_(self.embedding.weight, std=0.02)
        self.blocks = nn.ModuleList(Block(width, heads, layers) for _ in range(layers))
        self.lnf = nn.LayerNorm(width)
        half = width // heads // 2
        angles = torch.outer(torch.arange(context, dtype=torch.float64), 10000.0 ** (-torch.arange(half, dtype=torch.float64) / half))
        self.register_buffer("cos", angles.cos().float(), persistent=False)
        self.register_buffer("sin", angles.sin().float(), persistent=False)

    def forward(self, tokens, start=0, caches=None):
        """Logits [batch, time, vocab] of tokens at positions start.. (after the caches' keys, if given)."""
        t = tokens.size(1)
        cos, sin = self.cos[start:start + t], self.sin[start:start + t]
        mask = torch.ones(t, t, dtype=torch.bool).triu(1) if t > 1 else None  # causal; one new token sees all
        x = self.embedding(tokens)
        for i, block in enumerate(self.blocks):
            x = block(x, cos, sin, mask, None if caches is None else caches[i])
        return self.lnf(x) @ self.embedding.weight.t()


@torch.no_grad()
def sample(model, prompts, group, max_new_tokens, temperature=1.0):
    """G completions per prompt (all prompts have the same length), greedy at temperature 0; returns tokens,
    log-probs (at the temperature), lengths [rows]."""
    caches = [[] for _ in model.blocks]
    logits = model(prompts, 0, caches)[:, -1].repeat_interleave(group, 0)
    for cache in caches:
        cache[:] = [c.repeat_interleave(group, 0) for c in cache]
    rows, start = logits.size(0), prompts.size(1)
    finished = torch.zeros(rows, dtype=torch.bool)
    tokens, logps = [], []
    for step in range(max_new_tokens):
        logp = (logits / (temperature or 1.0)).log_softmax(-1)
        token = torch.multinomial(logp.exp(), 1) if temperature > 0 else logp.argmax(-1, keepdim=True)
        tokens.append(token)
        logps.append(logp.gather(-1, token))
        finished |= token.squeeze(1) == END
        if finished.all() or step + 1 == max_new_tokens:
            break
        logits = model(token, start + step, caches)[:, -1]
    tokens, logps = torch.cat(tokens, 1), torch.cat(logps, 1)
    ends = (tokens == END).int()
    lengths = torch.where(ends.any(1), ends.argmax(1) + 1, tokens.size(1))
    return tokens, logps, lengths


def token_logprobs(model, sequences, with_entropy=False):
    """Log-probs [rows, time - 1] of sequences[:, 1:]; with_entropy: and the policy's entropy there (no grad)."""
    logp = model(sequences[:, :-1]).log_softmax(-1)
    picked = logp.gather(-1, sequences[:, 1:].unsqueeze(-1)).squeeze(-1)
    if not with_entropy:
        return picked
    with torch.no_grad():
        return picked, -(logp.exp() * logp).sum(-1)


def grpo_update(model, optimizer, args, sequences, start, mask, advantages, old=None, scale=1.0):
    """One clipped-surrogate update (dual clip, token-mean, grad-clip 1.0) of sequences [rows, time]: their log-probs
    from position start on are the responses' (that of token t comes from position t - 1), mask [rows, time - 1 - start]
    marks the response tokens, advantages and scale (each row's loss weight) are [rows, 1]; old: the log-probs the ratio
    is taken against (default: a no-grad forward now). Returns loss, entropy, gradient norm and clip fraction."""
    response = slice(start, None)
    if old is None:
        with torch.no_grad():
            old = token_logprobs(model, sequences)[:, response]
    logp, entropy = token_logprobs(model, sequences, with_entropy=True)
    logp, entropy = logp[:, response], entropy[:, response]
    ratio = (logp - old).clamp(-20, 20).exp()
    unclipped, clipped = -advantages * ratio, -advantages * ratio.clamp(1 - args.clip_low, 1 + args.clip_high)
    loss = torch.max(unclipped, clipped)
    loss = torch.where(advantages < 0, torch.min(loss, -advantages * args.dual_clip), loss)
    tokens = mask.sum()
    loss = (loss * scale * mask).sum() / tokens  # token-mean
    optimizer.zero_grad()
    loss.backward()
    grad_norm = nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    return {"loss": loss.item(), "entropy": ((entropy * mask).sum() / tokens).item(), "grad_norm": grad_norm.item(),
            "clip_fraction": (((clipped > unclipped).float() * mask).sum() / tokens).item()}


def grpo_step(model, optimizer, args, prompts, answers):
    """One step: roll out, score, advantages, one clipped-surrogate update. Returns timings and counts."""
    started = time.perf_counter()
    prompt_tokens = torch.tensor([encode(p) for p in prompts])
    completions, rollout_logps, lengths = sample(model, prompt_tokens, args.group_size, args.max_new_tokens)
    rewards = torch.tensor([reward(decode(completions[i, :lengths[i]].tolist()), answers[i // args.group_size])
                            for i in range(completions.size(0))]).view(-1, args.group_size)
    mean, std = (rewards.mean(1, keepdim=True), rewards.std(1, keepdim=True)) if args.group_size > 1 else (0.0, 1.0)
    advantages = ((rewards - mean) / (std + 1e-6)).view(-1, 1)  # std: Bessel-corrected
    rolled_out = time.perf_counter()

    sequences = torch.cat([prompt_tokens.repeat_interleave(args.group_size, 0), completions], 1)
    mask = (torch.arange(completions.size(1)) < lengths.unsqueeze(1)).float()  # response tokens up to the stop token
    grpo_update(model, optimizer, args, sequences, prompt_tokens.size(1) - 1, mask, advantages,
                rollout_logps if args.old_from_rollout else None)
    updated = time.perf_counter()
    return {"rollout_ms": 1000 * (rolled_out - started), "update_ms": 1000 * (updated - rolled_out),
            "reward": rewards.mean().item(), "tokens": int(lengths.sum()), "update_shape": list(sequences.shape)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=20, help="timed steps")
    parser.add_argument("--warmup", type=int, default=2, help="untimed steps first")
    parser.add_argument("--prompts-per-step", type=int, default=32)
    parser.add_argument("--group-size", type=int, default=8)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--levels", type=int, nargs="+", default=[2, 3])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--max-new-tokens", type=int, default=8)
    parser.add_argument("--lr", type=float, default=2e-4)
    parser.add_argument("--clip-low", type=float, default=0.2)
    parser.add_argument("--clip-high", type=float, default=0.28)
    parser.add_argument("--dual-clip", type=float, default=3.0)
    parser.add_argument("--old-from-rollout", action="store_true", help="skip the no-grad forward for the old log-probs")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    model = GPT()
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.95), weight_decay=0.0)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), {sum(p.numel() for p in model.parameters())} parameters")

    timed = []
    for step in range(1, args.warmup + args.steps + 1):
        tasks = [addition(rng.choice(args.levels), rng) for _ in range(args.prompts_per_step)]
        s = grpo_step(model, optimizer, args, [t[0] for t in tasks], [t[1] for t in tasks])
        if step > args.warmup:
            timed.append(s)
        print(f"step {step}{'' if step > args.warmup else ' (warm-up)'}: rollout {s['rollout_ms']:.1f} ms, update {s['update_ms']:.1f} ms, "
              f"reward {s['reward']:.3f}, tokens {s['tokens']}, update batch {s['update_shape']}", flush=True)

    seconds = sum(s["rollout_ms"] + s["update_ms"] for s in timed) / 1000
    print(json.dumps({"steps": len(timed), "seconds": round(seconds, 3), "steps_per_second": round(len(timed) / seconds, 4),
                      "rollout_ms_mean": round(sum(s["rollout_ms"] for s in timed) / len(timed), 2),
                      "update_ms_mean": round(sum(s["update_ms"] for s in timed) / len(timed), 2),
                      "tokens_mean": sum(s["tokens"] for s in timed) / len(timed)}))


if __name__ == "__main__":
    main()
