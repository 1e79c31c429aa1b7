using System.Diagnostics;
using System.Globalization;
using Rlvr.Selection.Benchmarks;
using Rlvr.Training.Allocation;
using Rlvr.Training.Curriculum;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Strategies;

// How long each registered strategy takes to choose and budget a step (and to observe it) with a large pool, against
// uniform selection in the same run. Only the strategy's own calls are timed; the synthetic groups are drawn untimed.
// Usage: dotnet run -c Release --project bench/Rlvr.Selection.Benchmarks -- [--prompts N] [--steps N] [--warmup N] [strategy ...]
var prompts = Option("--prompts", 100_000);
var steps = Option("--steps", 30);
var warmup = Option("--warmup", 10);
var names = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).ToList();
const int GroupSize = 8, PromptsPerStep = 32;
const ulong Seed = 7;

var pool = new SyntheticPool(prompts, distributions: 10, Seed);
var strategies = StrategyRegistry.Strategies.Where(s => names.Count == 0 || names.Contains(s.Name)).ToList();
Console.WriteLine(Invariant($"Choosing and budgeting a step: {prompts:N0} prompts, B = {PromptsPerStep}, G = {GroupSize}, {steps} timed steps after {warmup}; ms per step"));
Console.WriteLine();
Console.WriteLine("| strategy | median | p95 | max | median x uniform's |");
Console.WriteLine("|---|---|---|---|---|");
double? uniform = null;
foreach (var strategy in strategies)
{
    var selector = strategy.Create(null, new SelectionContext(pool.Catalog, null, GroupSize, PromptsPerStep, ScaleByStd: true));
    var times = new List<double>();
    for (long step = 1; step <= warmup + steps; step++)
    {
        var ms = Step(selector, step);
        if (step > warmup)
        {
            times.Add(ms);
        }
    }
    times.Sort();
    var median = times[times.Count / 2];
    uniform ??= strategy.Name == UniformSelector.StrategyName ? median : null;
    var ratio = uniform is { } u ? Invariant($"{median / u:0.0}") : "n/a";
    Console.WriteLine(Invariant($"| {strategy.Name} | {median:0.00} | {times[(int)(times.Count * 0.95)]:0.00} | {times[^1]:0.00} | {ratio} |"));
}
return 0;

// One step as the curriculum scheduler drives it, with only the strategy's calls on the clock.
double Step(IPromptSelector selector, long step)
{
    var clock = new Stopwatch();
    var trained = new List<RolloutGroup>();
    clock.Start();
    var reference = selector.ReferencePrompts(step, RngFactory.Create(Seed, step, "curriculum/reference"));
    clock.Stop();
    if (reference.Count > 0)
    {
        var outcomes = reference.Select(p => pool.Group(p, step, RolloutGroup.ReferenceRound, GroupSize).ToOutcome()).ToList();
        clock.Start();
        selector.ObserveReference(step, outcomes);
        clock.Stop();
    }
    if (selector is IRolloutPlanner planner)
    {
        clock.Start();
        var next = planner.Begin(step, PromptsPerStep, RngFactory.Create(Seed, step, "curriculum/select/0"));
        clock.Stop();
        for (var round = 0; next is RollOutRound rollOut; round++)
        {
            var groups = rollOut.Prompts.Select(p => pool.Group(p.Prompt, step, round, p.Rollouts)).ToList();
            clock.Start();
            next = planner.AfterRound(step, round, groups, RngFactory.Create(Seed, step, $"curriculum/select/{round + 1}"));
            clock.Stop();
        }
        trained.AddRange(((TrainOn)next).Groups);
    }
    else
    {
        clock.Start();
        var chosen = selector.SelectPrompts(step, PromptsPerStep, RngFactory.Create(Seed, step, "curriculum/select/0"));
        clock.Stop();
        trained.AddRange(chosen.Select(p => pool.Group(p, step, 0, GroupSize)));
    }
    var observed = trained.Select(g => g.ToOutcome()).ToList();
    clock.Start();
    selector.ObserveTraining(step, observed);
    clock.Stop();
    return clock.Elapsed.TotalMilliseconds;
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
