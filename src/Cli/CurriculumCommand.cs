using System.CommandLine;
using System.Globalization;
using Rlvr.Api.Contracts;
using Spectre.Console;

namespace Rlvr.Cli;

/// <summary>`rlvr curriculum show`: the live curriculum of a campaign as tables, once or refreshed with --watch.</summary>
internal static class CurriculumCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Campaign id" };
        var top = new Option<int>("--top") { Description = "Prompts to list, hardest first", DefaultValueFactory = _ => 10 };
        var watch = new Option<bool>("--watch") { Description = "Refresh until the campaign ends (Ctrl+C to leave)" };
        var interval = new Option<double>("--interval") { Description = "Seconds between refreshes with --watch", DefaultValueFactory = _ => 2 };
        var show = new Command("show", "Distributions (probability, UCB score, mean |advantage|, rollouts, pass rate) and the hardest prompts") { id, top, watch, interval };
        show.SetAction(ClientCommand.Action(async (client, result, cancellation) =>
        {
            var campaignId = result.GetValue(id)!;
            var count = result.GetValue(top);
            if (!result.GetValue(watch))
            {
                AnsiConsole.Write(Render(await client.GetCurriculumAsync(campaignId, count, cancellation), await client.GetCampaignAsync(campaignId, cancellation)));
                return 0;
            }
            var period = TimeSpan.FromSeconds(Math.Max(result.GetValue(interval), 0.2));
            var first = Render(await client.GetCurriculumAsync(campaignId, count, cancellation), await client.GetCampaignAsync(campaignId, cancellation));
            await AnsiConsole.Live(first).StartAsync(async live =>
            {
                while (!cancellation.IsCancellationRequested)
                {
                    var campaign = await client.GetCampaignAsync(campaignId, cancellation);
                    live.UpdateTarget(Render(await client.GetCurriculumAsync(campaignId, count, cancellation), campaign));
                    if (campaign.Status is "Completed" or "Failed" or "Stopped")
                    {
                        break;
                    }
                    try
                    {
                        await Task.Delay(period, cancellation);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            });
            return 0;
        }));
        var command = new Command("curriculum", "The curriculum of a campaign on a running silo");
        command.Subcommands.Add(show);
        return command;
    }

    private static Rows Render(CurriculumInfo curriculum, CampaignInfo campaign)
    {
        var distributions = new Table()
            .Title($"{Markup.Escape(curriculum.CampaignId)}: {Markup.Escape(curriculum.Strategy)}, step {curriculum.Step} ({campaign.Status}, {campaign.Step}/{campaign.Steps})")
            .AddColumns("distribution", "probability", "UCB score", "mean |advantage|", "rollouts", "pass rate");
        foreach (var d in curriculum.Distributions)
        {
            distributions.AddRow(Markup.Escape(d.Name), Number(d.Probability, "P1"), Number(d.UcbScore, "F3"), Number(d.WindowMeanAbsAdvantage, "F3"),
                d.Rollouts.ToString(CultureInfo.InvariantCulture), Number(d.PassRate, "P1"));
        }
        var prompts = new Table()
            .Title($"hardest prompts ({curriculum.Prompts.Count} of {curriculum.PromptsTotal})")
            .AddColumns("prompt", "distribution", "predicted difficulty", "observed difficulty", "attempts");
        foreach (var p in curriculum.Prompts)
        {
            prompts.AddRow(Markup.Escape(p.PromptId), Markup.Escape(p.Distribution), Number(p.PredictedDifficulty, "F3"), Number(p.ObservedDifficulty, "F3"),
                p.Attempts.ToString(CultureInfo.InvariantCulture));
        }
        var carried = new Markup(string.Create(CultureInfo.InvariantCulture,
            $"groups carried to the next step: {curriculum.CarriedGroups}; carried so far {curriculum.CarriedTotal}, dropped {curriculum.DroppedTotal}"));
        return new Rows(distributions, prompts, carried);
    }

    private static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
