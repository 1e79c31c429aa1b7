using System.Globalization;

namespace Rlvr.Grains.Campaigns;

/// <summary>Keys of the grains a campaign keeps one of per prompt and per step.</summary>
public static class CampaignGrainKeys
{
    /// <summary>"&lt;campaign&gt;/&lt;prompt id&gt;"</summary>
    public static string Prompt(string campaignId, string promptId) => $"{campaignId}/{promptId}";

    /// <summary>"&lt;campaign&gt;/&lt;step&gt;": the step's page of the rollout ledger.</summary>
    public static string RolloutLedger(string campaignId, long step) =>
        string.Create(CultureInfo.InvariantCulture, $"{campaignId}/{step}");
}
