using System.CommandLine;
using System.Globalization;
using System.Text;

namespace Rlvr.Cli;

/// <summary>
/// `rlvr config show ID`: a campaign's effective configuration as the silo holds it, every default written out; the
/// YAML parses back to the same configuration hash, so the output (its comments included) can be saved and run again.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Campaign id" };
        var json = JsonOutput.CreateOption();
        var show = new Command("show", "Print a campaign's effective configuration (YAML, every default filled in) with its hash and prompt sources") { id, json };
        show.WithClient(async (client, result, cancellation) =>
        {
            var config = await client.GetConfigAsync(result.GetValue(id)!, cancellation);
            if (result.GetValue(json))
            {
                JsonOutput.Write(config);
                return 0;
            }
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"# campaign {config.Id}, configuration {config.ConfigHash}\n");
            foreach (var source in config.Sources)
            {
                text.Append(CultureInfo.InvariantCulture, $"# {source.Kind} {source.Name}: ")
                    .AppendJoin(", ", source.Distributions.Select(d => string.Create(CultureInfo.InvariantCulture,
                        $"{d.Name} ({d.TrainingPrompts} training, {d.HeldOutPrompts} held out)")))
                    .Append('\n');
            }
            text.Append(config.Yaml);
            await Console.Out.WriteAsync(text.ToString().EndsWith('\n') ? text.ToString() : text + "\n");
            return 0;
        });
        var command = new Command("config", "The configuration of a campaign on a running silo");
        command.Subcommands.Add(show);
        return command;
    }
}
