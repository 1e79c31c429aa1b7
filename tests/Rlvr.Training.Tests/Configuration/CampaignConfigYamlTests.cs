using Rlvr.Training.Configuration;
using YamlDotNet.RepresentationModel;

namespace Rlvr.Training.Tests.Configuration;

/// <summary>The effective configuration the API shows: every default written out, and the same campaign when parsed back.</summary>
public sealed class CampaignConfigYamlTests
{
    public static TheoryData<string> HashCases { get; } = new(
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Configuration", "HashCases"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(HashCases))]
    public void TheWrittenYamlParsesBackToTheSameHash(string file)
    {
        var config = CampaignConfigParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Configuration", "HashCases", file)));

        var written = CampaignConfigYaml.Write(config);

        Assert.Equal(ConfigHash.Compute(config), ConfigHash.Compute(CampaignConfigParser.Parse(written)));
        Assert.Equal(ConfigHash.CanonicalJson(config), ConfigHash.CanonicalJson(CampaignConfigParser.Parse(written)));
    }

    [Fact]
    public void EveryKeyIsWrittenWithItsDefaultAndEveryStrategysBlock()
    {
        var written = CampaignConfigYaml.Write(CampaignConfigParser.Parse("tasks:\n  builtin:\n    - family: addition\n      levels: [1, 2]\n"));
        var root = Root(written);

        Assert.Equal("100", Scalar(root, "steps"));
        Assert.Equal("0.2", Scalar(root, "grpo", "clip_low"));
        Assert.Equal("token-mean", Scalar(root, "grpo", "loss_aggregation"));
        Assert.Equal("uniform", Scalar(root, "strategy", "name"));
        Assert.Equal("300", Scalar(root, "strategy", "dump", "window"));
        Assert.Equal("false", Scalar(root, "replay", "enabled"));
        Assert.Equal("20", Scalar(root, "evaluation", "interval"));
        Assert.Equal("2000", Scalar(root, "tasks", "pool_size"));
        // Left out where the file left them out (null): writing them would be another configuration.
        Assert.DoesNotContain("base_seed", written, StringComparison.Ordinal);
        Assert.DoesNotContain("trainer", written, StringComparison.Ordinal);
        Assert.DoesNotContain("rollout_batches", written, StringComparison.Ordinal);
    }

    [Fact]
    public void SetOptionalKeysAndTextThatLooksLikeOtherTypesSurvive()
    {
        const string yaml = """
            seed: 18446744073709551615
            base_seed: 3
            pipeline: true
            rollout_batches: 3
            tasks:
              dataset: "null"
              eval_fraction: 0.123456789012345678
            grpo:
              lr: 1.5e-5
            warm_start:
              steps: 5
              levels: [easy, hard]
              weights: [0.25, 0.75]
            trainer:
              mode: builtin
              lease_seconds: 60
            """;
        var config = CampaignConfigParser.Parse(yaml);

        var parsed = CampaignConfigParser.Parse(CampaignConfigYaml.Write(config));

        Assert.Equal(ConfigHash.Compute(config, new string('a', 64)), ConfigHash.Compute(parsed, new string('a', 64)));
        Assert.Equal("null", parsed.Tasks.Dataset);
        Assert.Equal(ulong.MaxValue, parsed.Seed);
        Assert.Equal(3UL, parsed.BaseSeed);
        Assert.Equal(0.123456789012345678, parsed.Tasks.EvalFraction);
        Assert.Equal(60, parsed.Trainer!.LeaseSeconds);
        Assert.Equal([0.25, 0.75], parsed.WarmStart.Weights);
    }

    private static YamlMappingNode Root(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string? Scalar(YamlMappingNode node, params string[] path)
    {
        foreach (var key in path[..^1])
        {
            node = (YamlMappingNode)node[key];
        }
        return ((YamlScalarNode)node[path[^1]]).Value;
    }
}
