namespace Rlvr.Training.Strategies;

/// <summary>What the registry says of a component: its kind (strategy, filter, replay), name, what it does, its paper and parameters.</summary>
public sealed record ComponentInfo(string Kind, string Name, string Summary, string Paper, IReadOnlyList<ComponentParameter> Parameters);
