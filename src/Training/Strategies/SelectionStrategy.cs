using Rlvr.Training.Curriculum;

namespace Rlvr.Training.Strategies;

/// <summary>
/// A registered prompt-selection strategy: its name (<c>strategy.name</c>), its paper, the options block it reads
/// (<c>strategy.&lt;name&gt;.*</c>), their validation, and the selector it builds. See <see cref="StrategyRegistry"/>.
/// </summary>
public abstract class SelectionStrategy
{
    public abstract string Name { get; }

    public abstract string Summary { get; }

    public abstract string Paper { get; }

    /// <summary>The class of the strategy's <c>strategy.&lt;name&gt;</c> block; null when it has no parameters.</summary>
    public abstract Type? OptionsType { get; }

    /// <summary>
    /// Whether the block counts in the configuration hash even at its defaults: true only for the first release's
    /// strategies, whose campaigns' hashes (and so ids) were computed so. A strategy added later counts only when its
    /// block is set, so adding it changes no existing campaign's hash.
    /// </summary>
    public virtual bool HashedAtDefaults => false;

    public IReadOnlyList<ComponentParameter> Parameters =>
        OptionsType is null ? [] : ComponentParameter.Of(OptionsType, $"strategy.{Name}");

    /// <summary>Checks the options; run for every registered strategy's block, so a bad value is an error even when another strategy is chosen.</summary>
    public abstract void Validate(object options, ConfigErrors errors);

    public abstract IPromptSelector Create(object? options, SelectionContext context);

    /// <summary>
    /// Whether the strategy allocates each prompt's rollouts and composes the batch itself (its selector is an
    /// <see cref="Allocation.IRolloutPlanner"/>), so that no group filter applies.
    /// </summary>
    public virtual bool AllocatesRollouts => false;

    /// <summary>Whether the selector needs the frozen warm-started policy's embeddings (which an external trainer does not offer).</summary>
    public virtual bool NeedsPolicyEmbedder(object? options) => false;

    public ComponentInfo Describe() => new("strategy", Name, Summary, Paper, Parameters);
}

/// <summary>A strategy whose block is <typeparamref name="TOptions"/>.</summary>
public abstract class SelectionStrategy<TOptions> : SelectionStrategy
    where TOptions : class, new()
{
    public sealed override Type OptionsType => typeof(TOptions);

    public sealed override void Validate(object options, ConfigErrors errors) => Validate((TOptions)options, errors, $"strategy.{Name}");

    public sealed override IPromptSelector Create(object? options, SelectionContext context) => Create((TOptions)(options ?? new TOptions()), context);

    public sealed override bool NeedsPolicyEmbedder(object? options) => NeedsPolicyEmbedder((TOptions)(options ?? new TOptions()));

    protected abstract void Validate(TOptions options, ConfigErrors errors, string path);

    protected abstract IPromptSelector Create(TOptions options, SelectionContext context);

    protected virtual bool NeedsPolicyEmbedder(TOptions options) => false;
}
