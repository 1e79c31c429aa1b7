namespace Rlvr.Integration.Tests.Sweeps;

/// <summary>
/// The sweep tests' sweep: the API tests' tiny campaign with a longer warm start and larger held-out sets (so that
/// accuracies are not all zero), uniform against DUMP at seeds 11 and 12, two campaigns at a time.
/// </summary>
internal static class TinySweep
{
    public const int Steps = ResumeCampaign.Steps;

    public const int GroupSize = 4;

    public const int Concurrency = 2;

    public static IReadOnlyList<string> Arms { get; } = ["uniform", "dump"];

    public static string Base { get; } = Api.ApiCampaigns.With("  eval_size: 4\n", "  eval_size: 16\n",
        Api.ApiCampaigns.With("  steps: 3\n  levels: [addition/1]\n  batch_size: 8\n",
            "  steps: 300\n  levels: [addition/1]\n  batch_size: 32\n  lr: 0.01\n"));

    /// <summary>The sweep file, naming the base and the uniform fragment as files beside it.</summary>
    public const string File = """
        concurrency: 2
        axes:
          strategy:
            uniform: strategies/uniform.yaml
            dump: {strategy: {name: dump}}
          seed: [11, 12]
        """;

    public const string UniformFragment = "strategy:\n  name: uniform\n";

    /// <summary>The same sweep, self-contained, as the API takes it.</summary>
    public static string Spec(string id) =>
        $"id: {id}\nbase:\n{string.Join('\n', Base.Split('\n').Select(l => "  " + l))}\n"
        + File.Replace("uniform: strategies/uniform.yaml", "uniform: {strategy: {name: uniform}}", StringComparison.Ordinal);

    /// <summary>Writes the sweep file <paramref name="name"/>.yaml and the files it names under <paramref name="directory"/>.</summary>
    public static string WriteFiles(string directory, string name)
    {
        Directory.CreateDirectory(Path.Combine(directory, "strategies"));
        System.IO.File.WriteAllText(Path.Combine(directory, "base.yaml"), Base);
        System.IO.File.WriteAllText(Path.Combine(directory, "strategies", "uniform.yaml"), UniformFragment);
        var path = Path.Combine(directory, name + ".yaml");
        System.IO.File.WriteAllText(path, "base: base.yaml\n" + File);
        return path;
    }

    public static IReadOnlyList<int> Seeds { get; } = [11, 12];

    /// <summary>The campaigns in the sweep's order: seed by seed, the arms in the file's order.</summary>
    public static IEnumerable<string> CampaignIds(string sweep) =>
        Seeds.SelectMany(seed => Arms.Select(arm => $"{sweep}.{arm}.seed-{seed}"));
}
