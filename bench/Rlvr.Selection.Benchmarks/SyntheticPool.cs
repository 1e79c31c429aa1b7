using Rlvr.Torch;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Selection.Benchmarks;

/// <summary>
/// A pool of prompts with hidden true pass rates skewed as real RLVR data is (a share solved, a share out of reach, the
/// rest in between), and groups drawn from them: what a strategy sees, without a policy.
/// </summary>
public sealed class SyntheticPool
{
    private readonly double[] _passRates;
    private readonly Dictionary<string, int> _index;
    private readonly ulong _seed;

    public SyntheticPool(int prompts, int distributions, ulong seed)
    {
        _seed = seed;
        var rng = RngFactory.Create(seed, 0, "bench/pool");
        var pools = new List<TaskPrompt>[distributions];
        for (var d = 0; d < distributions; d++)
        {
            pools[d] = [];
        }
        _passRates = new double[prompts];
        _index = new Dictionary<string, int>(prompts, StringComparer.Ordinal);
        for (var i = 0; i < prompts; i++)
        {
            var d = i % distributions;
            var kind = rng.NextDouble();
            _passRates[i] = kind < 0.35 ? 0 : kind < 0.65 ? 1 : rng.NextDouble();
            var prompt = new TaskPrompt($"d{d}#{i}", $"d{d}", $"prompt {i}", Answer(i), "exact");
            pools[d].Add(prompt);
            _index[prompt.Id] = i;
        }
        Catalog = new TaskCatalog([.. pools.Select((p, d) => new DistributionPool($"d{d}", p, []))]);
    }

    public TaskCatalog Catalog { get; }

    /// <summary>A group of <paramref name="rollouts"/> Bernoulli draws of the prompt's true pass rate; a wrong completion is one of a few wrong answers.</summary>
    public RolloutGroup Group(TaskPrompt prompt, long step, int round, int rollouts)
    {
        var i = _index[prompt.Id];
        var rng = RngFactory.Create(_seed, step, $"bench/group/{i}/{round}");
        var scored = new Rollout[rollouts];
        for (var k = 0; k < rollouts; k++)
        {
            var correct = rng.NextDouble() < _passRates[i];
            var text = correct ? prompt.Answer : Answer(i + 1 + rng.NextInt(3));
            scored[k] = new Rollout(CharTokenizer.Encode(text).ToArray(), [], correct ? 1 : 0, 0);
        }
        return RolloutGroup.Create(prompt.Id, prompt.Distribution, step, round, step - 1, scored, scaleByStd: true);
    }

    private static string Answer(int i) => (i % 997).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
