using System.ComponentModel;
using Rlvr.Training.Curriculum;

namespace Rlvr.Training.Strategies;

/// <summary>
/// BroRL: N rollouts for each of fewer prompts at the same rollout budget, the prompts those near saturation for which N
/// rollouts most raise the chance of an informative group (docs/algorithms.md, BroRL).
/// </summary>
public sealed class BrorlStrategy : SelectionStrategy<BrorlConfig>
{
    public override string Name => BrorlSelector.StrategyName;

    public override string Summary => "N rollouts each for B*G/N prompts, chosen where N rollouts most raise the chance of an informative group";

    public override string Paper => "BroRL: Hu et al., 2025 (arXiv 2510.01180)";

    public override bool AllocatesRollouts => true;

    protected override void Validate(BrorlConfig options, ConfigErrors errors, string path)
    {
        errors.Positive($"{path}.n", options.N);
        errors.Positive($"{path}.prior_alpha", options.PriorAlpha);
        errors.Positive($"{path}.prior_beta", options.PriorBeta);
        errors.Closed01($"{path}.decay", options.Decay);
        errors.Positive($"{path}.temperature", options.Temperature);
    }

    protected override IPromptSelector Create(BrorlConfig options, SelectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new BrorlSelector(
            context.Catalog, new BrorlOptions(options.N, options.PriorAlpha, options.PriorBeta, options.Decay, options.Temperature), context.GroupSize);
    }
}

/// <summary>The <c>strategy.brorl</c> block.</summary>
public sealed class BrorlConfig
{
    [Description("N: rollouts per chosen prompt, rounded to a multiple of G; a step rolls out about B*G/N prompts")]
    public int N { get; set; } = 64;

    [Description("alpha of the Beta(alpha, beta) prior of a prompt's pass rate (added to its counted successes)")]
    public double PriorAlpha { get; set; } = 0.5;

    [Description("beta of the Beta(alpha, beta) prior of a prompt's pass rate (added to its counted failures)")]
    public double PriorBeta { get; set; } = 0.5;

    [Description("gamma: the weight a prompt's earlier success and failure counts keep when it is observed again")]
    public double Decay { get; set; } = 0.5;

    [Description("tau: prompts are drawn without replacement with probability proportional to exp(gain / tau)")]
    public double Temperature { get; set; } = 0.05;
}
