using Orleans;
using Rlvr.Grains.Grpo;

namespace Rlvr.Grains.External;

/// <summary>
/// The piece of work open to external trainers, stored: a round to roll out (the groups reported so far), a held-out
/// evaluation (the rewards so far), or a step's batch awaiting its update.
/// </summary>
[GenerateSerializer]
public sealed class ExternalWork
{
    [Id(0)]
    public TrainerTaskKind Kind { get; set; }

    [Id(1)]
    public ExternalRound? Round { get; set; }

    [Id(2)]
    public TrainerLeaseBookState Book { get; set; } = new();

    [Id(3)]
    public Dictionary<string, RolloutGroup> Groups { get; set; } = new(StringComparer.Ordinal);

    [Id(4)]
    public Dictionary<string, double> Greedy { get; set; } = new(StringComparer.Ordinal);

    [Id(5)]
    public Dictionary<string, double> Sampled { get; set; } = new(StringComparer.Ordinal);

    [Id(6)]
    public List<RolloutGroup> Batch { get; set; } = [];

    [Id(7)]
    public long Step { get; set; }

    [Id(8)]
    public long PolicyVersion { get; set; }
}
