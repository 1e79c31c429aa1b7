using System.Globalization;
using Rlvr.Grains.Grpo;

namespace Rlvr.Grains.Grains;

/// <summary>Keys of the grains a campaign keeps one of per prompt and per rollout group.</summary>
public static class CampaignGrainKeys
{
    /// <summary>"&lt;campaign&gt;/&lt;prompt id&gt;"</summary>
    public static string Prompt(string campaignId, string promptId) => $"{campaignId}/{promptId}";

    /// <summary>
    /// "&lt;campaign&gt;/&lt;step&gt;/&lt;prompt id&gt;/&lt;attempt&gt;": the attempt is the generation round, or "reference"
    /// for the DOTS reference rollouts. The rollouts are seeded by the same (step, prompt, round), so one key is one group.
    /// </summary>
    public static string RolloutGroup(string campaignId, long step, string promptId, int round) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{campaignId}/{step}/{promptId}/{(round == Grpo.RolloutGroup.ReferenceRound ? "reference" : round.ToString(CultureInfo.InvariantCulture))}");

    public static string RolloutGroup(string campaignId, RolloutGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return RolloutGroup(campaignId, group.Step, group.PromptId, group.Round);
    }
}
