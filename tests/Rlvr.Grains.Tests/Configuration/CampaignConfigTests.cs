using Rlvr.Grains.Campaigns;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Configuration;
using Rlvr.Training.Curriculum;
using Rlvr.Training.Filters;
using Rlvr.Training.Learning;
using Rlvr.Training.Strategies;
using Rlvr.Training.Verifiers;

namespace Rlvr.Grains.Tests.Configuration;

public class CampaignConfigTests
{
    private const string Minimal = """
        tasks:
          builtin:
            - family: addition
              levels: [1, 2]
        """;

    [Fact]
    public void QuickstartLoadsAsASixLevelDumpCampaignWithAWeightedWarmStart()
    {
        var campaign = LoadFile(Example("quickstart.yaml"));
        Assert.Equal(["addition/1", "addition/2", "addition/3", "addition/4", "addition/5", "addition/6"], campaign.Catalog.DistributionNames);
        Assert.Equal([1, 1, 1, 0.3, 0.15, 0.08], campaign.Config.WarmStart.Weights);
        Assert.Equal(0.28, campaign.Config.Grpo.ClipHigh);
        var setup = CurriculumSetup.Create(campaign.Config, campaign.Catalog);
        Assert.IsType<DumpSelector>(setup.Selector);
        Assert.IsType<NoFilter>(setup.Filter);
        Assert.Null(setup.Replay);
        Assert.Equal(64, campaign.ConfigHash.Length);
    }

    [Fact]
    public void TheBaseSeedFixesTasksAndWarmStartWhileTheSeedVaries()
    {
        var one = CampaignConfigParser.Parse("seed: 1\nbase_seed: 9\n" + Minimal);
        var two = CampaignConfigParser.Parse("seed: 2\nbase_seed: 9\n" + Minimal);
        var plain = CampaignConfigParser.Parse("seed: 2\n" + Minimal);
        static IEnumerable<string> Prompts(CampaignConfig c) =>
            CampaignConfigParser.BuildCatalog(c, null).TrainingPrompts.Select(p => p.Id);

        Assert.Equal(Prompts(one), Prompts(two));
        Assert.NotEqual(Prompts(two), Prompts(plain));
        Assert.Equal(WarmStart.CacheKey(one), WarmStart.CacheKey(two));
        Assert.NotEqual(WarmStart.CacheKey(two), WarmStart.CacheKey(plain));
    }

    [Fact]
    public void OtherExamplesLoadAndCombineStrategyFilterAndReplay()
    {
        var dots = LoadFile(Example("dots-replay.yaml"));
        var setup = CurriculumSetup.Create(dots.Config, dots.Catalog);
        Assert.IsType<DotsSelector>(setup.Selector);
        Assert.IsType<BalancedFilter>(setup.Filter);
        Assert.NotNull(setup.Replay);

        var dataset = LoadFile(Example("dataset.yaml"));
        Assert.Contains("subtract/1", dataset.Catalog.DistributionNames);
        Assert.IsType<PrioritizedSelector>(CurriculumSetup.Create(dataset.Config, dataset.Catalog).Selector);
    }

    [Fact]
    public void DefaultsFollowTheAlgorithmsReference()
    {
        var config = CampaignConfigParser.Parse(Minimal);
        Assert.Equal((0.2, 0.2, 3.0, 0.001, "token-mean"), (config.Grpo.ClipLow, config.Grpo.ClipHigh, config.Grpo.DualClip, config.Grpo.Beta, config.Grpo.LossAggregation));
        Assert.Equal((300, 1.0, 0.1), (config.Strategy.Options<DumpConfig>().Window, config.Strategy.Options<DumpConfig>().Exploration, config.Strategy.Options<DumpConfig>().Temperature));
        Assert.Equal((2, 256, 0.5, 1e-3), (config.Strategy.Options<DotsConfig>().ReferenceInterval, config.Strategy.Options<DotsConfig>().ReferenceSize, config.Strategy.Options<DotsConfig>().Alpha, config.Strategy.Options<DotsConfig>().Temperature));
        Assert.Equal((256, 0.5), (config.Replay.Capacity, config.Replay.FreshFraction));
        Assert.Equal(10, config.Filter.MaxGenerationRounds);
    }

    [Theory]
    [InlineData("grpo:\n  clip_high: -1", "grpo.clip_high: must be > 0, got -1")]
    [InlineData("grpo:\n  clip_hgh: 0.3", "grpo.clip_hgh: unknown key; known: group_size, prompts_per_step, clip_low, clip_high,")]
    [InlineData("colour: red", "colour: unknown key; known: seed, base_seed, steps, model,")]
    [InlineData("strategy:\n  name: greedy", "strategy.name: unknown value 'greedy'; known: uniform, dump, dots, prioritized")]
    [InlineData("filter:\n  name: balanced\n  low: 0.9\n  high: 0.1", "filter.low: must be <= filter.high (0.1), got 0.9")]
    [InlineData("steps: many", "steps: expected a whole number, got 'many'")]
    [InlineData("grpo:\n  loss_aggregation: mean", "grpo.loss_aggregation: unknown value 'mean'; known: token-mean, seq-mean-token-mean, seq-mean-token-sum-norm")]
    [InlineData("warm_start:\n  steps: 5\n  levels: [addition/9]", "warm_start.levels[0]: unknown distribution 'addition/9'; known: addition/1, addition/2")]
    [InlineData("warm_start:\n  steps: 5\n  levels: [addition/2]\n  weights: [1, 2]", "warm_start.weights: must give one weight per level: 1 levels, 2 weights")]
    [InlineData("warm_start:\n  steps: 5\n  levels: [addition/2]\n  weights: [0]", "warm_start.weights[0]: must be > 0, got 0")]
    [InlineData("base_seed: -3", "base_seed: expected a non-negative whole number, got '-3'")]
    [InlineData("model:\n  width: 100\n  heads: 3", "model.width: must be a multiple of model.heads (3), got 100")]
    [InlineData("replay:\n  fresh_fraction: 1.5", "replay.fresh_fraction: must be in [0, 1], got 1.5")]
    [InlineData("model:\n  width: 30\n  heads: 2", "model.width: must make an even width per head (model.width / model.heads), got 30 / 2 = 15")]
    [InlineData("trainer:\n  mode: remote", "trainer.mode: unknown value 'remote'; known: builtin, external")]
    [InlineData("trainer:\n  mode: external\n  lease_seconds: 0", "trainer.lease_seconds: must be > 0, got 0")]
    [InlineData("trainer:\n  lease_prompts: -2", "trainer.lease_prompts: must be > 0, got -2")]
    [InlineData("pipeline: true\ntrainer:\n  mode: external", "pipeline: must be off with trainer.mode external")]
    [InlineData("warm_start:\n  steps: 5\n  levels: [addition/1]\ntrainer:\n  mode: external", "warm_start.steps: must be 0 with trainer.mode external")]
    [InlineData("strategy:\n  name: dots\n  dots:\n    embedding: policy\ntrainer:\n  mode: external", "strategy.dots: needs the built-in policy's embeddings")]
    public void ErrorsNameTheFieldPath(string extra, string expected)
    {
        var error = Assert.Throws<CampaignConfigException>(() => CampaignConfigParser.Parse(Minimal + "\n" + extra));
        Assert.Contains(error.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("tasks:\n  builtin:\n    - family: chess\n      levels: [1]", "tasks.builtin[0].family: unknown task family 'chess'; known: addition, knights, sorting")]
    [InlineData("tasks:\n  builtin:\n    - family: knights\n      levels: [2, 3]", "tasks.builtin[0].levels[0]: knights levels are 3..7, got 2")]
    [InlineData("tasks:\n  dataset: d.jsonl\n  builtin:\n    - family: knights\n      levels: [3]", "tasks: give exactly one of tasks.builtin and tasks.dataset")]
    [InlineData("tasks:\n  builtin: addition", "tasks.builtin: expected a list")]
    public void TaskErrorsNameTheFieldPath(string yaml, string expected)
    {
        var error = Assert.Throws<CampaignConfigException>(() => CampaignConfigParser.Parse(yaml));
        Assert.Contains(error.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AllProblemsAreReportedTogether()
    {
        var error = Assert.Throws<CampaignConfigException>(() => CampaignConfigParser.Parse(Minimal + "\nsteps: 0\ngrpo:\n  lr: -1"));
        Assert.Equal(2, error.Errors.Count);
        Assert.Contains("steps: must be > 0, got 0", error.Message);
    }

    [Fact]
    public void UnknownDatasetDistributionInWarmStartIsReportedAtLoad()
    {
        var directory = Directory.CreateTempSubdirectory("rlvr-config-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "d.jsonl"), string.Join("\n", Enumerable.Range(0, 40).Select(i =>
                $$"""{"prompt": "{{i}}=", "answer": "{{i}}", "distribution": "echo", "verifier": "numeric"}""")));
            var path = Path.Combine(directory.FullName, "c.yaml");
            File.WriteAllText(path, "tasks:\n  dataset: d.jsonl\nwarm_start:\n  steps: 1\n  levels: [echo, nope]");
            var error = Assert.Throws<CampaignConfigException>(() => LoadFile(path));
            Assert.Equal(["warm_start.levels[1]: unknown distribution 'nope'; known: echo"], error.Errors);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void TheContextMustHoldTheLongestPromptWithItsCompletionAndEveryWarmStartExample()
    {
        var catalog = CampaignConfigParser.BuildCatalog(CampaignConfigParser.Parse(Minimal), null);
        var longest = catalog.Distributions.SelectMany(d => d.Training.Concat(d.Evaluation)).Max(p => PolicyFactory.Encode(p.Text).Length);
        static CampaignConfigException Refused(string yaml) => Assert.Throws<CampaignConfigException>(() =>
            CampaignConfigParser.BuildCatalog(CampaignConfigParser.Parse(yaml), null));

        // A context one token short of the longest prompt and its completion.
        var sampling = Refused($"{Minimal}\nmodel:\n  context: {longest + 7}\ngrpo:\n  max_new_tokens: 8");
        Assert.Equal([$"model.context: must hold the longest prompt ({longest} tokens) and grpo.max_new_tokens (8): at least {longest + 8}, got {longest + 7}"], sampling.Errors);

        // Room for the longest prompt and one sampled token, not for it with its answer (at least one digit) and the end token.
        var warmStart = Refused($"{Minimal}\nmodel:\n  context: {longest + 1}\ngrpo:\n  max_new_tokens: 1\nwarm_start:\n  steps: 5\n  levels: [addition/1, addition/2]");
        Assert.StartsWith("model.context: must hold the longest warm-start example", Assert.Single(warmStart.Errors), StringComparison.Ordinal);

        // Just enough for both is fine.
        CampaignConfigParser.BuildCatalog(CampaignConfigParser.Parse($"{Minimal}\nmodel:\n  context: {longest + 8}\ngrpo:\n  max_new_tokens: 8"), null);
    }

    [Fact]
    public void HashIgnoresFormattingButNotValues()
    {
        var a = CampaignConfigParser.Parse("seed: 3\ngrpo:\n  lr: 0.001\n  group_size: 8\n" + Minimal);
        var b = CampaignConfigParser.Parse(Minimal + "\n# comment\ngrpo:\n  group_size: 8\n  lr: 1e-3\nseed: 3\nsteps: 100");
        var c = CampaignConfigParser.Parse("seed: 3\ngrpo:\n  lr: 0.002\n" + Minimal);
        Assert.Equal(ConfigHash.Compute(a), ConfigHash.Compute(b));
        Assert.NotEqual(ConfigHash.Compute(a), ConfigHash.Compute(c));
    }

    [Fact]
    public void ADatasetCampaignsHashFollowsTheDatasetsContentNotItsFileName()
    {
        var config = CampaignConfigParser.Parse("tasks:\n  dataset: a.jsonl");
        var renamed = CampaignConfigParser.Parse("tasks:\n  dataset: elsewhere/b.jsonl");
        var content = new string('1', 64);
        var edited = new string('2', 64);

        Assert.Equal(ConfigHash.Compute(config, content), ConfigHash.Compute(renamed, content));
        Assert.NotEqual(ConfigHash.Compute(config, content), ConfigHash.Compute(config, edited));
        // Built-in campaigns keep the hash (and so the `rlvr run` id) they had before datasets were hashed by content.
        var builtIn = CampaignConfigParser.Parse(Minimal);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(ConfigHash.CanonicalJson(builtIn)))), ConfigHash.Compute(builtIn));
    }

    [Fact]
    public void PipeliningChangesTheHashButItsDefaultLeavesOlderCampaignsHashesAsTheyWere()
    {
        var plain = CampaignConfigParser.Parse(Minimal);
        var off = CampaignConfigParser.Parse("pipeline: false\n" + Minimal);
        var on = CampaignConfigParser.Parse("pipeline: true\n" + Minimal);

        Assert.True(on.Pipeline);
        Assert.DoesNotContain("pipeline", ConfigHash.CanonicalJson(plain), StringComparison.Ordinal);
        Assert.Equal(ConfigHash.Compute(plain), ConfigHash.Compute(off));
        Assert.NotEqual(ConfigHash.Compute(plain), ConfigHash.Compute(on));
    }

    [Fact]
    public void AnExternalTrainerIsPartOfTheHashButOmittingTheSectionLeavesOlderCampaignsHashesAsTheyWere()
    {
        var plain = CampaignConfigParser.Parse(Minimal);
        var external = CampaignConfigParser.Parse(Minimal + "\ntrainer:\n  mode: external\n  lease_seconds: 60");

        Assert.False(plain.ExternalTrainer);
        Assert.True(external.ExternalTrainer);
        Assert.Equal((60, 8), (external.Trainer!.LeaseSeconds, external.Trainer.LeasePrompts));
        Assert.DoesNotContain("trainer", ConfigHash.CanonicalJson(plain), StringComparison.Ordinal);
        Assert.NotEqual(ConfigHash.Compute(plain), ConfigHash.Compute(external));
    }

    private static Campaign LoadFile(string path)
    {
        var file = CampaignFile.Read(path);
        return file.Spec().Load(file.ReadDataset(VerifierRegistry.CreateDefault()));
    }

    private static string Example(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "examples", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"examples/{name} not found above {AppContext.BaseDirectory}.");
    }
}
