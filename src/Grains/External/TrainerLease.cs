namespace Rlvr.Grains.External;

/// <summary>
/// A share of an open piece of work served to one external trainer: its id, prompts, trainer and expiry, and the id it
/// was re-issued under once it expired with prompts unreported (its own id is then gone).
/// </summary>
[GenerateSerializer, Alias("rlvr.TrainerLease")]
public sealed class TrainerLease
{
    [Id(0)]
    public string Id { get; set; } = "";

    [Id(1)]
    public List<string> PromptIds { get; set; } = [];

    [Id(2)]
    public string Trainer { get; set; } = "";

    [Id(3)]
    public DateTimeOffset ExpiresUtc { get; set; }

    [Id(4)]
    public string? ReissuedAs { get; set; }
}
