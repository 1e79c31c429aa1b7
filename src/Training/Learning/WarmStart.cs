using System.Globalization;
using System.Text.Json;
using Rlvr.Torch;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Configuration;
using Rlvr.Training.Determinism;
using StableHash = Rlvr.Training.Determinism.StableHash;

namespace Rlvr.Training.Learning;

/// <summary>
/// The supervised phase before GRPO: next-token loss on answer and stop token of training prompts from the
/// configured easy levels. Its result is cached under the data directory by the hash of everything it depends
/// on (seed, model, tasks, warm-start settings), so campaigns that share a warm start train it once.
/// </summary>
public static class WarmStart
{
    public static string CacheKey(CampaignConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var inputs = JsonSerializer.Serialize(new { Seed = config.BaseSeedOrSeed, config.Model, config.Tasks, config.WarmStart });
        return StableHash.Of(inputs).ToString("x16", CultureInfo.InvariantCulture);
    }

    public static string CachePath(string dataDirectory, CampaignConfig config) =>
        Path.Combine(dataDirectory, "warm-start", CacheKey(config) + ".policy");

    /// <summary>Loads the cached warm start into <paramref name="policy"/> or trains and caches it; true when it came from the cache.</summary>
    public static bool Apply(Policy policy, Campaign campaign, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(campaign);
        var settings = campaign.Config.WarmStart;
        if (settings.Steps == 0)
        {
            return false;
        }
        var path = CachePath(dataDirectory, campaign.Config);
        if (File.Exists(path))
        {
            policy.LoadState(path);
            return true;
        }
        Train(policy, campaign);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written aside and moved, so a crash never leaves a truncated cache entry.
        var temporary = path + ".tmp";
        policy.SaveState(temporary);
        File.Move(temporary, path, overwrite: true);
        return false;
    }

    private static void Train(Policy policy, Campaign campaign)
    {
        var settings = campaign.Config.WarmStart;
        var levels = settings.Levels.Select(l => campaign.Catalog.Get(l).Training).ToList();
        var weights = settings.Weights.Count > 0 ? settings.Weights : levels.Select(_ => 1.0).ToList();
        for (var step = 0; step < settings.Steps; step++)
        {
            var rng = RngFactory.Create(campaign.Config.BaseSeedOrSeed, step, "warm-start");
            var sequences = new List<int[]>(settings.BatchSize);
            var target = new List<bool>();
            for (var i = 0; i < settings.BatchSize; i++)
            {
                var prompts = levels[rng.NextWeighted(weights)];
                var prompt = prompts[rng.NextInt(prompts.Count)];
                var promptTokens = PolicyFactory.Encode(prompt.Text);
                int[] tokens = [.. promptTokens, .. CharTokenizer.Encode(prompt.Answer), CharTokenizer.EndToken];
                sequences.Add(tokens);
                target.AddRange(tokens.Select((_, t) => t >= promptTokens.Length));
            }
            var options = new OptimizerOptions { LearningRate = settings.Lr * Schedule(step, settings.Steps) };
            policy.SupervisedStep(TokenBatch.FromSequences(sequences), [.. target], options);
        }
    }

    // Linear warm-up over the first 5% of the steps, then cosine decay to a tenth of the rate.
    private static double Schedule(int step, int steps)
    {
        var warmup = Math.Max(1, steps / 20);
        if (step < warmup)
        {
            return (step + 1.0) / warmup;
        }
        var progress = (double)(step - warmup) / Math.Max(1, steps - warmup);
        return 0.1 + (0.45 * (1 + Math.Cos(Math.PI * progress)));
    }
}
