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
        var watch = new Option<bool>("--watch") { Description = "Refresh until the campaign completes, fails, stops or pauses (Ctrl+C to leave)" };
        var interval = new Option<double>("--interval") { Description = "Seconds between refreshes with --watch", DefaultValueFactory = _ => 2 };
        var json = JsonOutput.CreateOption();
        var show = new Command("show", "Distributions (probability, UCB score, mean |advantage|, rollouts, pass rate) and the hardest prompts")
        {
            id, top, watch, interval, json,
        };
        show.WithClient(async (client, result, cancellation) =>
        {
            var campaignId = result.GetValue(id)!;
            var count = result.GetValue(top);
            async Task<CurriculumView> Fetch(CancellationToken token) =>
                new(await client.GetCurriculumAsync(campaignId, count, token), await client.GetCampaignAsync(campaignId, token));
            var view = await Fetch(cancellation);
            if (result.GetValue(watch))
            {
                await Watch.Follow(view, Fetch, Render, v => CampaignCommands.Ended(v.Campaign),
                    TimeSpan.FromSeconds(Math.Max(result.GetValue(interval), 0.2)), result.GetValue(json), cancellation);
            }
            else if (result.GetValue(json))
            {
                JsonOutput.Write(view.Curriculum);
            }
            else
            {
                AnsiConsole.Write(Render(view));
            }
            return 0;
        });
        var command = new Command("curriculum", "The curriculum of a campaign on a running silo");
        command.Subcommands.Add(show);
        return command;
    }

    /// <summary>The curriculum with the campaign it belongs to (status and steps), as --watch follows them.</summary>
    private sealed record CurriculumView(CurriculumInfo Curriculum, CampaignInfo Campaign);

    private static Rows Render(CurriculumView view)
    {
        var (curriculum, campaign) = view;
        var distributions = new Table()
            .Title(Markup.Escape($"{curriculum.CampaignId}: {campaign.Status}, step {curriculum.Step}/{campaign.Steps}, strategy {curriculum.Strategy}"))
            .AddColumns("distribution", "probability", "UCB score", "mean |advantage|", "rollouts", "pass rate (its latest step's rollouts)");
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
