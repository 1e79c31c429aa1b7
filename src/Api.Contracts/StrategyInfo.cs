namespace Rlvr.Api.Contracts;

/// <summary>A registered component: its kind (strategy, filter, replay), name, what it does, its paper, and its parameters.</summary>
public sealed record StrategyInfo(string Kind, string Name, string Summary, string Paper, IReadOnlyList<StrategyParameterInfo> Parameters);

/// <summary>A parameter as a campaign file writes it: its dotted key, type, default and meaning.</summary>
public sealed record StrategyParameterInfo(string Key, string Type, string Default, string Description);
