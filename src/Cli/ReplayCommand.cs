using System.CommandLine;

namespace Rlvr.Cli;

/// <summary>`rlvr replay ID`: a campaign's rollout replay buffer.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Campaign id" };
        var json = JsonOutput.CreateOption();
        var command = new Command("replay", "Show a campaign's replay buffer: groups stored now, admitted and replayed so far") { id, json };
        return command.WithClient(async (client, result, cancellation) =>
        {
            var campaignId = result.GetValue(id)!;
            var replay = await client.GetReplayAsync(campaignId, cancellation);
            if (result.GetValue(json))
            {
                JsonOutput.Write(replay);
            }
            else
            {
                Console.WriteLine(replay.Enabled
                    ? $"{campaignId}: replay buffer holds {replay.Stored} groups; {replay.Admitted} admitted and {replay.Replayed} replayed so far"
                    : $"{campaignId}: no replay buffer (replay.enabled is false)");
            }
            return 0;
        });
    }
}
