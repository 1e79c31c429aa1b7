namespace Rlvr.Training.Configuration;

/// <summary>
/// Who trains the policy: the built-in learner (<c>builtin</c>), or a trainer outside the product (<c>external</c>) that
/// leases the curriculum's prompts over the API, reports the groups it rolled out and each update. An external
/// trainer's lease covers at most <see cref="LeasePrompts"/> prompts of a round and is re-issued, under a new id, when
/// it is not reported within <see cref="LeaseSeconds"/>.
/// </summary>
public sealed class TrainerConfig
{
    public const string Builtin = "builtin";

    public const string External = "external";

    public string Mode { get; set; } = Builtin;

    public int LeaseSeconds { get; set; } = 300;

    public int LeasePrompts { get; set; } = 8;

    public bool IsExternal => Mode == External;
}
