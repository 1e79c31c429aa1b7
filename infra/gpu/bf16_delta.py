"""The bf16 path of policy publication (docs/weights.md) on the device: the learner's fp32 master weights train with
AdamW, a bf16 rollout copy of them stays on the device, and between consecutive versions of that copy the changed
16-bit words are found, gathered and varint/byte-plane encoded there (the tensors viewed as int16, so the comparison is
bitwise: NaNs and signed zeros are words like any other). The delta, in WordDelta's format (src/Storage/Deltas), is
applied to the previous copy on the device and must rebuild the next one bit for bit; with the Python client at hand
(clients/python), its bytes are applied on the host too. Prints, per version, the unchanged share, the delta's size
against the whole copy's, and the encoding time. Runs on CUDA when there is one, else on the CPU (the same code).

    python3 infra/gpu/bf16_delta.py [--steps 6] [--lr 1e-6] [--width W --layers L ...]
"""
from __future__ import annotations

import argparse
import hashlib
import struct
import sys
import time
import zlib

import torch

MAGIC = 0x31445752  # "RWD1"
HEADER = struct.Struct("<IBqq32s32s")
MAX_VARINT = 10  # bytes of a 64-bit varint


def changed_words(before: torch.Tensor, after: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """The indices (ascending, int64) of the 16-bit words that differ between two bf16 copies, and their new words."""
    b, a = before.view(torch.int16), after.view(torch.int16)
    indices = torch.nonzero(b != a).squeeze(1)
    return indices, a.index_select(0, indices)


def rebuilt(before: torch.Tensor, indices: torch.Tensor, words: torch.Tensor) -> torch.Tensor:
    """The copy a delta rebuilds: the previous one with the changed words put back."""
    result = before.view(torch.int16).clone()
    result.index_copy_(0, indices, words)
    return result.view(torch.bfloat16)


def varints(values: torch.Tensor) -> torch.Tensor:
    """LEB128 of non-negative int64s, concatenated in order, computed on their device (uint8)."""
    shifts = torch.arange(0, 7 * MAX_VARINT, 7, device=values.device)
    groups = (values.unsqueeze(1) >> shifts) & 0x7F
    lengths = 1 + ((values.unsqueeze(1) >> shifts[1:]) > 0).sum(1)
    position = torch.arange(MAX_VARINT, device=values.device).unsqueeze(0)
    encoded = groups | ((position < (lengths - 1).unsqueeze(1)).long() << 7)
    return encoded[position < lengths.unsqueeze(1)].to(torch.uint8)  # row-major: each value's bytes in order


def host_bytes(tensor: torch.Tensor) -> bytes:
    return tensor.contiguous().view(torch.uint8).cpu().numpy().tobytes()


def encode(before: torch.Tensor, after: torch.Tensor, indices: torch.Tensor, words: torch.Tensor) -> bytes:
    """WordDelta bytes (word size 2): header with both SHA-256s, index gaps as varints, values by byte plane, zlib."""
    gaps = torch.diff(indices, prepend=torch.full((1,), -1, dtype=indices.dtype, device=indices.device)) - 1
    planes = words.view(torch.uint8).reshape(-1, 2).t()  # little-endian words: low bytes, then high bytes
    header = HEADER.pack(MAGIC, 2, 2 * after.numel(), indices.numel(),
                         hashlib.sha256(host_bytes(before)).digest(), hashlib.sha256(host_bytes(after)).digest())
    return zlib.compress(header + host_bytes(varints(gaps)) + host_bytes(planes), 1)


def rollout_copy(model: torch.nn.Module) -> torch.Tensor:
    """The bf16 rollout copy: every parameter, flattened in registration order, rounded to nearest even."""
    return torch.cat([p.detach().reshape(-1) for p in model.parameters()]).to(torch.bfloat16)


def main() -> int:
    cuda = torch.cuda.is_available()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=6)
    parser.add_argument("--lr", type=float, default=1e-6)
    parser.add_argument("--width", type=int, default=1024 if cuda else 256)
    parser.add_argument("--layers", type=int, default=12 if cuda else 4)
    parser.add_argument("--heads", type=int, default=16 if cuda else 4)
    parser.add_argument("--vocab", type=int, default=32000 if cuda else 1024)
    parser.add_argument("--context", type=int, default=128 if cuda else 64)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    device = torch.device("cuda" if cuda else "cpu")
    torch.manual_seed(args.seed)

    layer = torch.nn.TransformerEncoderLayer(args.width, args.heads, 4 * args.width, dropout=0.0, batch_first=True)
    model = torch.nn.Sequential(
        torch.nn.Embedding(args.vocab, args.width),
        torch.nn.TransformerEncoder(layer, args.layers),
        torch.nn.Linear(args.width, args.vocab),
    ).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.0)
    try:
        from rlvr_trainer import apply_word_delta  # clients/python, when on PYTHONPATH: the product's decoder
    except ImportError:
        apply_word_delta = None
    count = sum(p.numel() for p in model.parameters())
    print(f"device {device} ({torch.cuda.get_device_name() if cuda else 'no CUDA'}), torch {torch.__version__}, "
          f"{count / 1e6:.1f}M parameters, lr {args.lr:g}, bf16 copy {2 * count / 1e6:.1f} MB")

    copy = rollout_copy(model)
    failures = 0
    for step in range(1, args.steps + 1):
        tokens = torch.randint(args.vocab, (args.batch, args.context + 1), device=device)
        logits = model(tokens[:, :-1])
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, args.vocab), tokens[:, 1:].reshape(-1))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()

        if cuda:
            torch.cuda.synchronize()
        start = time.perf_counter()
        after = rollout_copy(model)
        indices, words = changed_words(copy, after)
        same = torch.equal(rebuilt(copy, indices, words).view(torch.int16), after.view(torch.int16))
        if cuda:
            torch.cuda.synchronize()
        device_ms = (time.perf_counter() - start) * 1e3
        delta = encode(copy, after, indices, words)
        host = "not checked (clients/python not on PYTHONPATH)"
        if apply_word_delta is not None:
            host_same = apply_word_delta(host_bytes(copy), delta) == host_bytes(after)
            host = "rebuilt bit for bit" if host_same else "DIFFERS"
            same = same and host_same
        failures += not same
        changed = indices.numel()
        print(f"version {step}: unchanged {100 * (1 - changed / count):.2f} %, {changed} words changed, "
              f"delta {len(delta) / 1e6:.3f} MB of {2 * count / 1e6:.1f} MB ({2 * count / max(len(delta), 1):.1f}x smaller), "
              f"{len(delta) / max(changed, 1):.2f} B a changed word; device: compare, gather, rebuild {device_ms:.1f} ms, "
              f"{'rebuilt bit for bit' if same else 'REBUILT COPY DIFFERS'}; host decoder: {host}")
        copy = after
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
