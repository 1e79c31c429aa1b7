using Rlvr.Torch;
using Rlvr.Training.Learning;
using Rlvr.Training.Strategies;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Configuration;

/// <summary>Checks a bound configuration; every error names its field path, the rule and the value given.</summary>
internal sealed class CampaignConfigValidator
{
    private readonly List<string> _errors;
    private readonly ConfigErrors _checks;

    public CampaignConfigValidator(List<string> errors)
    {
        _errors = errors;
        _checks = new ConfigErrors(errors);
    }

    public void Validate(CampaignConfig c)
    {
        Positive("steps", c.Steps);
        if (c.RolloutBatches is { } batches)
        {
            Positive("rollout_batches", batches);
        }
        Positive("model.width", c.Model.Width);
        Positive("model.layers", c.Model.Layers);
        Positive("model.heads", c.Model.Heads);
        Positive("model.context", c.Model.Context);
        if (c.Model.Heads > 0 && c.Model.Width % c.Model.Heads != 0)
        {
            Add("model.width", $"must be a multiple of model.heads ({c.Model.Heads}), got {c.Model.Width}");
        }
        else if (c.Model.Heads > 0 && c.Model.Width / c.Model.Heads % 2 != 0)
        {
            // Rotary positions turn pairs of a head's dimensions; the learner refuses an odd head width.
            Add("model.width", $"must make an even width per head (model.width / model.heads), got {c.Model.Width} / {c.Model.Heads} = {c.Model.Width / c.Model.Heads}");
        }
        ValidateTasks(c.Tasks);
        ValidateGrpo(c.Grpo);
        ValidateStrategy(c.Strategy);
        ValidateFilter(c.Filter);
        foreach (var strategy in StrategyRegistry.Strategies.Where(s => s.Name == c.Strategy.Name && s.AllocatesRollouts && c.Filter.Name != "none"))
        {
            Add("filter.name", $"must be none with strategy.name {strategy.Name}: the strategy allocates each prompt's rollouts and composes the batch itself, got {c.Filter.Name}");
        }
        ValidateReplay(c.Replay);
        if (c.Trainer is { } trainer)
        {
            ValidateTrainer(trainer, c);
        }
        NonNegative("warm_start.steps", c.WarmStart.Steps);
        Positive("warm_start.batch_size", c.WarmStart.BatchSize);
        Positive("warm_start.lr", c.WarmStart.Lr);
        if (c.WarmStart.Steps > 0 && c.WarmStart.Levels.Count == 0)
        {
            Add("warm_start.levels", "must name at least one distribution when warm_start.steps > 0");
        }
        if (c.WarmStart.Weights.Count > 0 && c.WarmStart.Weights.Count != c.WarmStart.Levels.Count)
        {
            Add("warm_start.weights", $"must give one weight per level: {c.WarmStart.Levels.Count} levels, {c.WarmStart.Weights.Count} weights");
        }
        for (var i = 0; i < c.WarmStart.Weights.Count; i++)
        {
            Positive($"warm_start.weights[{i}]", c.WarmStart.Weights[i]);
        }
        Positive("evaluation.interval", c.Evaluation.Interval);
        Positive("checkpoint.interval", c.Checkpoint.Interval);
        Positive("checkpoint.keep_last", c.Checkpoint.KeepLast);
        NonNegative("checkpoint.keep_every", c.Checkpoint.KeepEvery);
    }

    /// <summary>Checks that the warm-start levels exist among the campaign's distributions.</summary>
    public void ValidateDistributionNames(CampaignConfig c, IReadOnlyCollection<string> known)
    {
        for (var i = 0; i < c.WarmStart.Levels.Count; i++)
        {
            var name = c.WarmStart.Levels[i];
            if (!known.Contains(name))
            {
                Add($"warm_start.levels[{i}]", $"unknown distribution '{name}'; known: {string.Join(", ", known)}");
            }
        }
    }

    /// <summary>
    /// Checks that the model's context holds what it reads and writes: every prompt (the begin token and its characters)
    /// followed by grpo.max_new_tokens sampled tokens, and every warm-start example (prompt, answer, end token). The
    /// learner would otherwise fail only once it met the longest one, during the warm start or many steps in.
    /// </summary>
    public void ValidateModelFits(CampaignConfig c, TaskCatalog catalog)
    {
        var context = c.Model.Context;
        if (context <= 0 || c.Grpo.MaxNewTokens <= 0)
        {
            return; // reported by Validate
        }
        var prompts = catalog.Distributions.SelectMany(d => d.Training.Concat(d.Evaluation)).ToList();
        var longestPrompt = prompts.Count == 0 ? 0 : prompts.Max(p => PolicyFactory.Encode(p.Text).Length);
        if (longestPrompt + c.Grpo.MaxNewTokens > context)
        {
            Add("model.context", $"must hold the longest prompt ({longestPrompt} tokens) and grpo.max_new_tokens ({c.Grpo.MaxNewTokens}): at least {longestPrompt + c.Grpo.MaxNewTokens}, got {context}");
        }
        if (c.WarmStart.Steps > 0)
        {
            var examples = c.WarmStart.Levels.Where(catalog.Contains).SelectMany(l => catalog.Get(l).Training).ToList();
            var longestExample = examples.Count == 0 ? 0 : examples.Max(p => PolicyFactory.Encode(p.Text).Length + CharTokenizer.Encode(p.Answer).Length + 1);
            if (longestExample > context)
            {
                Add("model.context", $"must hold the longest warm-start example (prompt, answer and end token: {longestExample} tokens), got {context}");
            }
        }
    }

    /// <summary>The distribution names the built-in suites define.</summary>
    public static List<string> BuiltInDistributions(TasksConfig tasks) =>
        tasks.Builtin
            .Where(s => TaskFamilies.TryGet(s.Family, out _))
            .SelectMany(s => s.Levels.Select(l => TaskFamilies.DistributionName(s.Family, l)))
            .ToList();

    private void ValidateTasks(TasksConfig t)
    {
        var hasDataset = !string.IsNullOrWhiteSpace(t.Dataset);
        if (hasDataset == (t.Builtin.Count > 0))
        {
            Add("tasks", "give exactly one of tasks.builtin and tasks.dataset");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < t.Builtin.Count; i++)
        {
            var suite = t.Builtin[i];
            var path = $"tasks.builtin[{i}]";
            if (!TaskFamilies.TryGet(suite.Family, out var family))
            {
                Add($"{path}.family", $"unknown task family '{suite.Family}'; known: {string.Join(", ", TaskFamilies.Names)}");
                continue;
            }
            if (suite.Levels.Count == 0)
            {
                Add($"{path}.levels", "must list at least one level");
            }
            for (var j = 0; j < suite.Levels.Count; j++)
            {
                var level = suite.Levels[j];
                if (level < family.MinLevel || level > family.MaxLevel)
                {
                    Add($"{path}.levels[{j}]", $"{family.Name} levels are {family.MinLevel}..{family.MaxLevel}, got {level}");
                }
                else if (!seen.Add(TaskFamilies.DistributionName(family.Name, level)))
                {
                    Add($"{path}.levels[{j}]", $"distribution {family.Name}/{level} is listed twice");
                }
            }
        }
        NonNegative("tasks.eval_size", t.EvalSize);
        Open01("tasks.eval_fraction", t.EvalFraction);
        Positive("tasks.pool_size", t.PoolSize);
    }

    private void ValidateGrpo(GrpoConfig g)
    {
        Positive("grpo.group_size", g.GroupSize);
        Positive("grpo.prompts_per_step", g.PromptsPerStep);
        Positive("grpo.clip_low", g.ClipLow);
        if (g.ClipLow >= 1)
        {
            Add("grpo.clip_low", $"must be < 1, got {Format(g.ClipLow)}");
        }
        Positive("grpo.clip_high", g.ClipHigh);
        if (g.DualClip <= 1)
        {
            Add("grpo.dual_clip", $"must be > 1, got {Format(g.DualClip)}");
        }
        NonNegative("grpo.beta", g.Beta);
        OneOf("grpo.loss_aggregation", g.LossAggregation, GrpoConfig.LossAggregations);
        NonNegative("grpo.entropy_coef", g.EntropyCoef);
        Positive("grpo.lr", g.Lr);
        NonNegative("grpo.weight_decay", g.WeightDecay);
        Positive("grpo.grad_clip", g.GradClip);
        Positive("grpo.mini_batches", g.MiniBatches);
        if (g.MiniBatches > 0 && g.PromptsPerStep > 0 && g.MiniBatches > g.PromptsPerStep)
        {
            Add("grpo.mini_batches", $"must be <= grpo.prompts_per_step ({g.PromptsPerStep}), got {g.MiniBatches}");
        }
        Positive("grpo.temperature", g.Temperature);
        if (!(g.TopP > 0 && g.TopP <= 1))
        {
            Add("grpo.top_p", $"must be in (0, 1], got {Format(g.TopP)}");
        }
        Positive("grpo.max_new_tokens", g.MaxNewTokens);
    }

    /// <summary>The chosen names against the registry; every registered strategy's and filter's parameters by their own rules.</summary>
    private void ValidateStrategy(StrategyConfig s)
    {
        OneOf("strategy.name", s.Name, StrategyRegistry.StrategyNames);
        NonNegative("strategy.shadow_uniform_prompts", s.ShadowUniformPrompts);
        foreach (var strategy in StrategyRegistry.Strategies.Where(r => r.OptionsType is not null))
        {
            strategy.Validate(s.Blocks[strategy.Name], _checks);
        }
    }

    private void ValidateFilter(FilterConfig f)
    {
        OneOf("filter.name", f.Name, StrategyRegistry.FilterNames);
        foreach (var filter in StrategyRegistry.Filters)
        {
            filter.Validate(f, _checks);
        }
        Positive("filter.max_generation_rounds", f.MaxGenerationRounds);
        if (f.Oversample < 1)
        {
            Add("filter.oversample", $"must be >= 1, got {Format(f.Oversample)}");
        }
    }

    private void ValidateReplay(ReplayConfig r)
    {
        foreach (var policy in StrategyRegistry.ReplayPolicies)
        {
            policy.Validate(r, _checks);
        }
    }

    /// <summary>An external trainer holds the policy: nothing of the campaign may need the built-in one.</summary>
    private void ValidateTrainer(TrainerConfig t, CampaignConfig c)
    {
        OneOf("trainer.mode", t.Mode, [TrainerConfig.Builtin, TrainerConfig.External]);
        Positive("trainer.lease_seconds", t.LeaseSeconds);
        Positive("trainer.lease_prompts", t.LeasePrompts);
        if (!t.IsExternal)
        {
            return;
        }
        if (c.Pipeline)
        {
            Add("pipeline", "must be off with trainer.mode external: the trainer decides how its rollouts and updates overlap");
        }
        if (c.WarmStart.Steps > 0)
        {
            Add("warm_start.steps", "must be 0 with trainer.mode external: the trainer brings its own policy");
        }
        foreach (var strategy in StrategyRegistry.Strategies.Where(s => s.Name == c.Strategy.Name && s.NeedsPolicyEmbedder(c.Strategy.ChosenBlock)))
        {
            Add($"strategy.{strategy.Name}", "needs the built-in policy's embeddings, which an external trainer does not offer (trainer.mode external)");
        }
    }

    private void OneOf(string path, string? value, IReadOnlyList<string> known) => _checks.OneOf(path, value, known);

    private void Positive(string path, double value) => _checks.Positive(path, value);

    private void NonNegative(string path, double value) => _checks.NonNegative(path, value);

    private void Closed01(string path, double value) => _checks.Closed01(path, value);

    private void Open01(string path, double value) => _checks.Open01(path, value);

    private void Add(string path, string problem) => _checks.Add(path, problem);

    private static string Format(double value) => ConfigErrors.Format(value);
}
