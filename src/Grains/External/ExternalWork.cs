using Rlvr.Grains.Contracts;

namespace Rlvr.Grains.External;

/// <summary>
/// The work a campaign's step has open for external trainers: a round to roll out, an evaluation or an update, with its
/// lease book; an evaluation's rewards as reported. A round's groups are in the rollout ledger and an update's batch
/// comes with the campaign's call, so neither is stored here.
/// </summary>
[GenerateSerializer, Alias("rlvr.ExternalWork")]
public sealed class ExternalWork
{
    [Id(0)]
    public TrainerTaskKind Kind { get; set; }

    [Id(1)]
    public ExternalRound? Round { get; set; }

    [Id(2)]
    public TrainerLeaseBookState Book { get; set; } = new();

    [Id(4)]
    public Dictionary<string, double> Greedy { get; set; } = new(StringComparer.Ordinal);

    [Id(5)]
    public Dictionary<string, double> Sampled { get; set; } = new(StringComparer.Ordinal);

    [Id(7)]
    public long Step { get; set; }

    [Id(8)]
    public long PolicyVersion { get; set; }
}
