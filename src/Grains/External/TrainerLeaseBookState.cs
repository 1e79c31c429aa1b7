namespace Rlvr.Grains.External;

/// <summary>The stored state of a <see cref="TrainerLeaseBook"/>: its key, prompts, the reported ones and the leases served.</summary>
[GenerateSerializer, Alias("rlvr.TrainerLeaseBookState")]
public sealed class TrainerLeaseBookState
{
    [Id(0)]
    public string Key { get; set; } = "";

    [Id(1)]
    public List<string> PromptIds { get; set; } = [];

    [Id(2)]
    public HashSet<string> Reported { get; set; } = new(StringComparer.Ordinal);

    [Id(3)]
    public List<TrainerLease> Leases { get; set; } = [];
}
