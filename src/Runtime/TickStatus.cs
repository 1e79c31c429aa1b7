namespace Rlvr.Runtime;

/// <summary>The schedule of a reminder and the time of the tick being delivered.</summary>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);
