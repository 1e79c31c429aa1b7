namespace Rlvr.Training.Strategies;

/// <summary>
/// Every prompt-selection strategy, group filter and replay policy a campaign can name. The configuration's binder,
/// validator and hash, the curriculum's factory, <c>rlvr strategies</c> and <c>GET /api/v1/strategies</c> all read
/// these lists: a new strategy is its own file plus one line here.
/// </summary>
public static class StrategyRegistry
{
    /// <summary>In the order of their blocks in the configuration hash: append, never reorder.</summary>
    public static IReadOnlyList<SelectionStrategy> Strategies { get; } =
    [
        new UniformStrategy(),
        new DumpStrategy(),
        new DotsStrategy(),
        new PrioritizedStrategy(),
        new GresoStrategy(),
        new SpeedRlStrategy(),
        new DpsStrategy(),
        new KnapsackStrategy(),
        new ReinforceAdaStrategy(),
        new DarsStrategy(),
        new BrorlStrategy(),
        new BeyondVarianceStrategy(),
        new PuzzleCraftStrategy(),
    ];

    public static IReadOnlyList<GroupFilterDefinition> Filters { get; } =
    [
        new NoFilterDefinition(),
        new DynamicSamplingDefinition(),
        new BalancedFilterDefinition(),
    ];

    public static IReadOnlyList<ReplayPolicyDefinition> ReplayPolicies { get; } =
    [
        new RolloutReplayDefinition(),
    ];

    public static IReadOnlyList<string> StrategyNames { get; } = [.. Strategies.Select(s => s.Name)];

    public static IReadOnlyList<string> FilterNames { get; } = [.. Filters.Select(f => f.Name)];

    public static SelectionStrategy Strategy(string name) =>
        Strategies.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"unknown strategy '{name}'; registered: {string.Join(", ", StrategyNames)}", nameof(name));

    public static GroupFilterDefinition Filter(string name) =>
        Filters.FirstOrDefault(f => f.Name == name)
        ?? throw new ArgumentException($"unknown filter '{name}'; registered: {string.Join(", ", FilterNames)}", nameof(name));

    /// <summary>Every registered component with its parameters, defaults and paper.</summary>
    public static IReadOnlyList<ComponentInfo> Describe() =>
        [.. Strategies.Select(s => s.Describe()), .. Filters.Select(f => f.Describe()), .. ReplayPolicies.Select(r => r.Describe())];
}
