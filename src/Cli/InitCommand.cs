using System.CommandLine;
using Rlvr.Training.Configuration;
using Rlvr.Training.Tasks;
using Rlvr.Training.Verifiers;

namespace Rlvr.Cli;

/// <summary>`rlvr init`: a commented campaign file to start from, over a dataset or a built-in task family.</summary>
internal static class InitCommand
{
    private const string DefaultFamily = "addition";

    public static Command Create()
    {
        var dataset = new Option<FileInfo?>("--dataset") { Description = "A JSONL dataset (prompt, answer, distribution, verifier per line) to train on" };
        var family = new Option<string?>("--family") { Description = $"A built-in task family, all its levels (without --dataset: {DefaultFamily})" };
        family.AcceptOnlyFromAmong([.. TaskFamilies.Names]);
        var output = new Option<FileInfo?>("--output", "-o") { Description = "File to write (default: standard output)" };
        var force = new Option<bool>("--force") { Description = "Overwrite the --output file if it exists" };
        var command = new Command("init", "Write a commented campaign file to start from, for a dataset or a built-in family; `rlvr validate` accepts it")
        {
            dataset, family, output, force,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(dataset) is not null && result.GetValue(family) is not null)
            {
                result.AddError("give --dataset or --family, not both");
            }
        });
        command.SetAction(async (result, cancellation) =>
        {
            var file = result.GetValue(output);
            if (file is { Exists: true } && !result.GetValue(force))
            {
                ErrorConsole.Write($"--output: {file.FullName} exists; pass --force to overwrite it");
                return UserErrors.ExitCode;
            }
            // A dataset path in a campaign file is relative to that file.
            var directory = file?.Directory?.FullName ?? Environment.CurrentDirectory;
            var yaml = result.GetValue(dataset) is { } data
                ? ForDataset(data, directory)
                : ForFamily(result.GetValue(family) ?? DefaultFamily);
            await OutputFile.WriteAsync(file, yaml, cancellation);
            if (file is not null)
            {
                Console.WriteLine($"wrote {file.FullName}: check it with `rlvr validate {file.Name}`, run it with `rlvr run {file.Name}`");
            }
            return 0;
        });
        return command;
    }

    private static string ForDataset(FileInfo dataset, string directory)
    {
        if (!dataset.Exists)
        {
            throw new FileNotFoundException($"--dataset: file not found: {dataset.FullName}");
        }
        var records = JsonlDataset.Read(File.ReadAllBytes(dataset.FullName), dataset.FullName, VerifierRegistry.CreateDefault());
        var relative = Path.GetRelativePath(directory, dataset.FullName).Replace('\\', '/');
        var distributions = records.Prompts.Select(p => p.Distribution).Distinct().Order(StringComparer.Ordinal).ToList();
        var yaml = CampaignTemplate.Render(
            $"  # JSON lines, relative to this file; sent to the silo with the campaign.\n  dataset: {Quoted(relative)}",
            $"the dataset {dataset.Name} ({records.Prompts.Count} prompts, {distributions.Count} distributions)", distributions.Select(Quoted).ToList(),
            records.Prompts);
        Check(yaml, records);
        return yaml;
    }

    private static string ForFamily(string name)
    {
        var family = TaskFamilies.Get(name);
        var levels = Enumerable.Range(family.MinLevel, family.MaxLevel - family.MinLevel + 1).ToList();
        var defaults = new TasksConfig();
        var catalog = TaskCatalog.Generate(levels.Select(l => (family, l)),
            new BuiltInTaskOptions(new CampaignConfig().BaseSeedOrSeed, defaults.PoolSize, defaults.EvalSize, defaults.EvalFraction));
        var yaml = CampaignTemplate.Render(
            $"  builtin:\n    - family: {name}\n      levels: [{string.Join(", ", levels)}]   # each level is a distribution, {name}/<level>",
            $"the built-in family {name}, levels {family.MinLevel}-{family.MaxLevel}", catalog.DistributionNames,
            [.. catalog.Distributions.SelectMany(d => d.Training.Concat(d.Evaluation))]);
        Check(yaml, null);
        return yaml;
    }

    /// <summary>The file must validate as written: checked as `rlvr validate` checks it.</summary>
    private static void Check(string yaml, DatasetRecords? dataset) =>
        CampaignConfigParser.BuildCatalog(CampaignConfigParser.Parse(yaml), dataset);

    /// <summary>A YAML scalar in double quotes when it holds anything beyond a plain path or name.</summary>
    private static string Quoted(string text) =>
        text.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-') && !text.StartsWith('-') ? text : "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
