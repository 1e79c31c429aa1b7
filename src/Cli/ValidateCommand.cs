using System.CommandLine;
using System.Globalization;

namespace Rlvr.Cli;

/// <summary>
/// `rlvr validate FILE`: the checks of `rlvr campaign create` and `rlvr run` (configuration, dataset, task catalog)
/// without a silo; errors name the file, and a valid file's campaign is summarised.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("campaign") { Description = "Campaign file (YAML)" };
        var json = JsonOutput.CreateOption();
        var command = new Command("validate", "Check a campaign file (and its dataset) as a silo would, without one") { file, json };
        command.SetAction(result =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                ErrorConsole.Write($"campaign file not found: {path.FullName}");
                return UserErrors.ExitCode;
            }
            var (_, _, _, campaign) = CheckedCampaignFile.Load(path.FullName);
            var config = campaign.Config;
            var distributions = campaign.Catalog.Distributions;
            if (result.GetValue(json))
            {
                JsonOutput.Write(new
                {
                    File = path.FullName,
                    Valid = true,
                    campaign.ConfigHash,
                    config.Steps,
                    Strategy = config.Strategy.Name,
                    Distributions = distributions.Select(d => new { d.Name, Training = d.Training.Count, HeldOut = d.Evaluation.Count }),
                });
                return 0;
            }
            Console.WriteLine($"{path.FullName}: valid");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"configuration {campaign.ConfigHash}: {config.Steps} steps, strategy {config.Strategy.Name}, {distributions.Count} distributions, {distributions.Sum(d => d.Training.Count)} training prompts"));
            Console.WriteLine(HeldOutSummary.Describe(campaign));
            return 0;
        });
        return command;
    }
}
