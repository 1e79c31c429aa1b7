#!/usr/bin/env python3
"""Summarises a curriculum sweep (bench/curriculum/run.sh) beyond what `rlvr sweep show` prints: per strategy, the
change since step 0, the rollouts and training time it needs to reach uniform GRPO's final held-out accuracy as ratios
against uniform at the same seed, and what its steps cost (rollouts generated and discarded, replayed groups, wall
time), as Markdown tables and an SVG plot of held-out accuracy against rollouts.

Usage: report.py <out directory> <sweep id>   (the silo's data directory <out>/data holds each campaign's
<sweep>.<strategy>.seed-<n>/{metrics,evaluations}.jsonl; <out>/group_size and <out>/batch_size hold the suite's)
Writes <out>/results.md and <out>/accuracy-vs-rollouts.svg; prints the table.
"""
import glob
import json
import os
import re
import statistics
import sys

BASELINE = "uniform"
# A single held-out evaluation samples one completion of 64 prompts per level: about +-2.5 pp of noise on the mean. Final
# accuracies and the "reached" test use the trailing mean of this many evaluations instead.
WINDOW = 3


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def spent(m, group_size):
    """Rollouts a step sampled: its own count where the step logged one (every round, screening, reference and shadow
    rollouts, groups of any size), else, for a log of an earlier release, its groups times the group size."""
    if m.get("rollouts") is not None:
        return m["rollouts"]
    return (m["groups_generated"] + m["reference_groups"]) * group_size


def load_costs(directory, group_size, batch_size):
    """Per step, means: rollouts generated (every group the step rolled out: kept, filtered out, reference), fresh groups
    discarded by the filter, groups replayed, and the step's wall time without the held-out evaluation (ms)."""
    steps = read_jsonl(os.path.join(directory, "metrics.jsonl"))
    generated = [spent(m, group_size) for m in steps]
    discarded = [max(0, m["groups_generated"] - (batch_size - m["groups_replayed"])) for m in steps]
    replayed = [m["groups_replayed"] for m in steps]
    wall = [(m["phases"].get("wall_ms") or m["phases"]["total_ms"]) - m["phases"]["evaluation_ms"] for m in steps]
    return [statistics.mean(x) for x in (generated, discarded, replayed, wall)] + [sum(generated), sum(wall) / 1000]


def load_run(directory, group_size):
    """Evaluation points (step, rollouts so far, training seconds so far, mean sampled held-out accuracy, mean greedy,
    mean sampled accuracy of this evaluation alone), the first two accuracies as trailing means over WINDOW evaluations
    (fewer at the start).

    The target metric is pass@1 sampled at the training temperature (what GRPO optimizes); greedy is reported beside it.
    """
    metrics = {m["step"]: m for m in read_jsonl(os.path.join(directory, "metrics.jsonl"))}
    points, rollouts, seconds, done = [], 0, 0.0, 0
    for evaluation in read_jsonl(os.path.join(directory, "evaluations.jsonl")):
        for step in range(done + 1, evaluation["step"] + 1):
            m = metrics[step]
            rollouts += spent(m, group_size)
            phases = m["phases"]
            # Training time only: the step's wall time (the whole step, filter rounds included; less than its phases'
            # sum when pipelined) less the held-out evaluation, which is measurement, not part of the method's cost.
            wall = phases.get("wall_ms") or phases["total_ms"]
            seconds += (wall - phases["evaluation_ms"]) / 1000
        done = evaluation["step"]
        sampled, greedy = evaluation["sampled_accuracy"], evaluation["accuracy"]
        points.append((done, rollouts, seconds, sum(sampled.values()) / len(sampled), sum(greedy.values()) / len(greedy)))
    return [(step, r, sec, trailing(points, i, 3), trailing(points, i, 4), raw) for i, (step, r, sec, raw, _) in enumerate(points)]


def trailing(points, i, column):
    window = points[max(0, i - WINDOW + 1):i + 1]
    return sum(p[column] for p in window) / len(window)


def first_reaching(points, target):
    return next(((p[1], p[2]) for p in points[1:] if p[3] >= target - 1e-9), None)


def accuracy_within(points, budget):
    """The trailing accuracy at the last evaluation made within <budget> rollouts."""
    return [p for p in points if p[1] <= budget][-1][3]


def main(sweep, sweep_id):
    group_size = int(open(os.path.join(sweep, "group_size")).read())
    batch_size = int(open(os.path.join(sweep, "batch_size")).read())
    runs, costs = {}, {}
    for directory in sorted(glob.glob(os.path.join(sweep, "data", sweep_id + ".*.seed-*"))):
        if not all(os.path.exists(os.path.join(directory, log)) for log in ("evaluations.jsonl", "metrics.jsonl")):
            continue
        strategy, seed = re.fullmatch(re.escape(sweep_id) + r"\.(.+)\.seed-(\d+)", os.path.basename(directory)).groups()
        points = load_run(directory, group_size)
        if len(points) > 1:  # a run that has not evaluated after step 0 yet says nothing
            runs.setdefault(strategy, {})[seed] = points
            costs.setdefault(strategy, {})[seed] = load_costs(directory, group_size, batch_size)
    # A run still going (fewer evaluations than the longest) is left out and named, so the tables compare equal budgets.
    length = max(len(points) for seeds in runs.values() for points in seeds.values())
    unfinished = sorted(f"{strategy} (seed {seed})" for strategy, seeds in runs.items() for seed, points in seeds.items()
                        if len(points) < length)
    runs = {strategy: kept for strategy, seeds in runs.items()
            if (kept := {seed: points for seed, points in seeds.items() if len(points) == length})}
    costs = {strategy: {seed: costs[strategy][seed] for seed in seeds} for strategy, seeds in runs.items()}
    if BASELINE not in runs:
        sys.exit(f"no finished '{BASELINE}' runs under {sweep}")

    # Uniform's final accuracy is a target only where uniform improved on its start: otherwise every strategy "reaches"
    # it at step 0, and the ratio says nothing. Such seeds are counted and left out of the ratios.
    degenerate = sorted(seed for seed, points in runs[BASELINE].items() if points[-1][3] <= points[0][3])
    # The equal budget: the fewest rollouts any run made, so every strategy has an evaluation within it.
    budget = min(points[-1][1] for seeds in runs.values() for points in seeds.values())
    rows = []
    for strategy in [BASELINE] + sorted(s for s in runs if s != BASELINE):
        finals, greedy_finals, gains, at_budget, rollout_ratios, time_ratios, reached = [], [], [], [], [], [], 0
        for seed, points in sorted(runs[strategy].items()):
            finals.append(points[-1][3])
            greedy_finals.append(points[-1][4])
            gains.append(points[-1][3] - points[0][3])
            at_budget.append(accuracy_within(points, budget))
            baseline = runs[BASELINE].get(seed)
            if baseline is None or seed in degenerate:
                continue
            # What uniform itself needed: its first evaluation at its final (trailing) accuracy, often before its last one.
            target = baseline[-1][3]
            needed = first_reaching(baseline, target)
            hit = first_reaching(points, target)
            if hit is not None:
                reached += 1
                rollout_ratios.append(hit[0] / needed[0])
                time_ratios.append(hit[1] / needed[1])
        rows.append((strategy, len(runs[strategy]), finals, greedy_finals, gains, at_budget, rollout_ratios, time_ratios, reached))

    def mean_sd(values):
        if not values:
            return "n/a"
        sd = statistics.stdev(values) if len(values) > 1 else 0.0
        return f"{statistics.mean(values):.3f} ± {sd:.3f}"

    def per_seed(values):
        return mean_sd(values) + (f" ({', '.join(f'{v:.2f}' for v in values)})" if len(values) > 1 else "")

    lines = [
        f"| strategy | seeds | final held-out pass@1 (sampled, mean over distributions, last {WINDOW} evaluations) | change since step 0 | final greedy (last {WINDOW}) | pass@1 within {budget:,} rollouts | seeds reaching uniform's final pass@1 | rollouts to reach it (x uniform's; per seed) | training time to reach it (x uniform's) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    usable = len(runs[BASELINE]) - len(degenerate)
    for strategy, n, finals, greedy_finals, gains, at_budget, rr, tr, reached in rows:
        lines.append(f"| {strategy} | {n} | {mean_sd(finals)} | {mean_sd(gains)} | {mean_sd(greedy_finals)} | {mean_sd(at_budget)} | {reached}/{usable} | {per_seed(rr)} | {mean_sd(tr)} |")
    lines += [
        "",
        "| strategy | rollouts per step (all generated groups) | groups discarded by the filter per step | groups replayed per step | step wall time without evaluation (ms) | rollouts in all | training time in all (s) |",
        "|---|---|---|---|---|---|---|",
    ]
    for strategy, *_ in rows:
        c = list(zip(*costs[strategy].values()))
        lines.append(f"| {strategy} | {statistics.mean(c[0]):,.0f} | {statistics.mean(c[1]):.1f} | {statistics.mean(c[2]):.1f} | {statistics.mean(c[3]):,.0f} | {statistics.mean(c[4]):,.0f} | {statistics.mean(c[5]):,.0f} |")
    table = "\n".join(lines)
    note = (f"Final accuracies are means of the last {WINDOW} evaluations; a run reaches uniform's final accuracy at the first"
            f" evaluation after step 0 where the mean of its last {WINDOW} evaluations does; uniform's own first such evaluation"
            " is the denominator of the ratios (so uniform's are 1). Ratios are per seed against uniform at the same seed,"
            " averaged over the seeds that reached the target. Rollouts count every group a step generated, the groups a filter"
            " discarded and DOTS's reference rollouts included; costs are means over steps and seeds.")
    if unfinished:
        note += f" Not finished, so left out: {', '.join(unfinished)}."
    if degenerate:
        note += (f" Uniform ended at or below its step-0 accuracy at seed(s) {', '.join(degenerate)}: there its final accuracy is no"
                 " target (every strategy has it at step 0), so those seeds are left out of the ratios.")
    with open(os.path.join(sweep, "results.md"), "w", encoding="utf-8") as f:
        f.write(table + "\n\n" + note + "\n")
    print(table)
    print(note)
    write_svg(runs, os.path.join(sweep, "accuracy-vs-rollouts.svg"))


def write_svg(runs, path):
    """Mean over seeds of held-out accuracy at each evaluation (not smoothed), against mean rollouts so far."""
    curves = {}
    for strategy, seeds in runs.items():
        length = min(len(p) for p in seeds.values())
        curves[strategy] = [
            (statistics.mean(p[i][1] for p in seeds.values()), statistics.mean(p[i][5] for p in seeds.values()))
            for i in range(length)
        ]
    width, height, left, bottom, top, right = 760, 440, 60, 50, 20, 170
    max_x = max(x for c in curves.values() for x, _ in c) or 1
    max_y = max(0.05, max(y for c in curves.values() for _, y in c)) * 1.05
    sx = lambda x: left + (width - left - right) * x / max_x
    sy = lambda y: height - bottom - (height - bottom - top) * y / max_y
    colors = ["#000000", "#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf", "#999999"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
           '<rect width="100%" height="100%" fill="white"/>',
           f'<line x1="{left}" y1="{sy(0)}" x2="{width - right}" y2="{sy(0)}" stroke="black"/>',
           f'<line x1="{left}" y1="{sy(0)}" x2="{left}" y2="{top}" stroke="black"/>',
           f'<text x="{(left + width - right) / 2}" y="{height - 12}" text-anchor="middle">rollouts</text>',
           f'<text x="15" y="{(top + height - bottom) / 2}" transform="rotate(-90 15 {(top + height - bottom) / 2})" text-anchor="middle">held-out pass@1 (sampled, mean of distributions)</text>']
    for i in range(5):
        y = max_y * i / 4
        out.append(f'<text x="{left - 6}" y="{sy(y) + 4}" text-anchor="end">{y:.2f}</text>')
        x = max_x * i / 4
        out.append(f'<text x="{sx(x)}" y="{sy(0) + 16}" text-anchor="middle">{x:,.0f}</text>')
    ordered = [BASELINE] + sorted(s for s in curves if s != BASELINE)
    for index, strategy in enumerate(ordered):
        color = colors[index % len(colors)]
        points = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in curves[strategy])
        dash = '' if strategy == BASELINE else ' stroke-dasharray="5,2"' if "replay" in strategy else ''
        out.append(f'<polyline fill="none" stroke="{color}" stroke-width="2"{dash} points="{points}"/>')
        out.append(f'<text x="{width - right + 10}" y="{top + 16 * (index + 1)}" fill="{color}">{strategy}</text>')
    out.append("</svg>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
