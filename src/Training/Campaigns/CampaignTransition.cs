namespace Rlvr.Training.Campaigns;

/// <summary>
/// What <see cref="Action"/> does to a campaign in status <see cref="From"/>: moves it to <see cref="Target"/> (which may
/// be <see cref="From"/> itself: a repeat, which succeeds and changes nothing), or is refused for <see cref="Reason"/>.
/// </summary>
public sealed record CampaignTransition(CampaignStatus From, CampaignAction Action, CampaignStatus? Target, string? Reason)
{
    public bool Allowed => Target is not null;

    /// <summary>Whether the action has anything to do: allowed and not a repeat of the current status.</summary>
    public bool Changes => Target is { } target && target != From;

    /// <summary>The refusal in one sentence naming the action and the status, e.g. "cannot start a Paused campaign: resume it instead".</summary>
    public string Refusal => Allowed
        ? throw new InvalidOperationException($"{Action} on a {From} campaign is allowed")
        : $"cannot {Action.ToString().ToLowerInvariant()} a {From} campaign: {Reason}";
}
