using Rlvr.Training.Configuration;
using Rlvr.Training.Strategies;
using Rlvr.Training.Sweeps;
using YamlDotNet.RepresentationModel;

namespace Rlvr.Training.Tests.Sweeps;

/// <summary>Sweep files read and expanded into campaigns: order, ids, deep merge, dotted keys, files, and errors that name the field.</summary>
public class SweepPlanTests
{
    private const string Base = """
        seed: 5
        steps: 6
        model: {width: 32, layers: 1, heads: 2, context: 32}
        tasks:
          builtin:
            - family: addition
              levels: [1, 2]
        grpo:
          group_size: 4
          prompts_per_step: 4
          lr: 0.0002
        strategy:
          name: uniform
          dump: {window: 50, temperature: 0.2}
        """;

    [Fact]
    public void TheProductRunsSeedBySeedWithTheArmsInTheAxesOrderAndFragmentsDeepMerged()
    {
        var plan = Expand("""
            concurrency: 2
            axes:
              strategy:
                uniform: {strategy: {name: uniform}}
                dump: {strategy: {name: dump, dump: {window: 80}}}
              seed: [1, 2]
            """);

        Assert.Equal(
            ["s.uniform.seed-1", "s.dump.seed-1", "s.uniform.seed-2", "s.dump.seed-2"],
            plan.Campaigns.Select(c => c.CampaignId));
        Assert.Equal(["uniform", "dump"], plan.Arms);
        Assert.Equal(("uniform", 2), (plan.Reference, plan.Concurrency));
        Assert.Equal([1UL, 1, 2, 2], plan.Campaigns.Select(c => c.Seed));
        Assert.All(plan.Campaigns, c => Assert.Equal(4, c.GroupSize));
        var dump = CampaignConfigParser.Parse(plan.Campaigns[3].Yaml);
        Assert.Equal(("dump", 2UL), (dump.Strategy.Name, dump.Seed));
        // Merged key by key: the fragment's window, the base's temperature and everything else of the base.
        Assert.Equal((80, 0.2), (dump.Strategy.Options<DumpConfig>().Window, dump.Strategy.Options<DumpConfig>().Temperature));
        Assert.Equal((0.0002, 6), (dump.Grpo.Lr, dump.Steps));
    }

    [Fact]
    public void DottedKeysSetValuesMakingTheMappingsOnTheWayAndNameTheirArms()
    {
        var plan = Expand("""
            steps: 9
            reference: dump_lr-0.003_small
            axes:
              strategy: {dump: {strategy: {name: dump}}}
              grpo.lr: [0.001, 0.003]
              replay.capacity: {small: 8}
            """);

        Assert.Equal(["s.dump_lr-0.001_small", "s.dump_lr-0.003_small"], plan.Campaigns.Select(c => c.CampaignId));
        Assert.Equal("dump_lr-0.003_small", plan.Reference);
        var second = CampaignConfigParser.Parse(plan.Campaigns[1].Yaml);
        Assert.Equal((0.003, 8, 9), (second.Grpo.Lr, second.Replay.Capacity, second.Steps));
        Assert.Equal(5UL, second.Seed); // no seed axis: the base's
    }

    [Fact]
    public void FilesAreReadThroughTheResolverAndTheSpecWrittenBackExpandsToTheSameCampaigns()
    {
        var files = new Dictionary<string, string>
        {
            ["base.yaml"] = Base,
            ["strategies/dump.yaml"] = "strategy: {name: dump}",
        };
        var spec = SweepSpec.Parse("""
            base: base.yaml
            axes:
              strategy: {dump: strategies/dump.yaml, uniform: {strategy: {name: uniform}}}
              seed: [3]
            """, "sweep.yaml", path => Mapping(files[path]));
        var plan = SweepPlan.Expand(spec, "s");

        var again = SweepPlan.Expand(SweepSpec.Parse(spec.ToYaml()), "s");
        Assert.Equal(["s.dump.seed-3", "s.uniform.seed-3"], plan.Campaigns.Select(c => c.CampaignId));
        Assert.Equal(plan.Campaigns, again.Campaigns);
        Assert.Equal("dump", CampaignConfigParser.Parse(plan.Campaigns[0].Yaml).Strategy.Name);
    }

    [Fact]
    public void TheApiRefusesFileReferencesASelfContainedSpecHasInlined()
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepSpec.Parse("""
            base: base.yaml
            axes: {seed: [1]}
            """));

        Assert.Equal(["base: names the file 'base.yaml': a sweep sent to the API is self-contained (`rlvr sweep create` inlines its files) (line 1)"], error.Errors);
    }

    [Theory]
    [InlineData("concurency: 2\naxes: {seed: [1]}", "concurency: unknown key; known: id, base, steps, concurrency, reference, axes (line 1)")]
    [InlineData("concurrency: 0\naxes: {seed: [1]}", "concurrency: expected a positive whole number, got '0' (line 1)")]
    [InlineData("axes:\n  seed: [1, one]", "axes.seed: a seed is a non-negative whole number, got 'one' (line 2)")]
    [InlineData("axes:\n  seed: [1, 1]", "axes.seed: the value '1' is given twice (line 2)")]
    [InlineData("axes:\n  strategy: {a b: {strategy: {name: dump}}}", "axes.strategy: 'a b' cannot name a campaign: letters, digits, '.', '_' or '-', starting with a letter or digit")]
    [InlineData("axes:\n  Strategy: [dump]", "axes.Strategy: is not a configuration key (snake_case names joined by '.'), so it takes fragments only")]
    [InlineData("axes:\n  steps.max: [1]", "axes.steps.max: the base's steps is a value, not a mapping that could hold steps.max")]
    [InlineData("reference: dots\naxes:\n  strategy: {dump: {strategy: {name: dump}}}", "reference: 'dots' is not an arm of this sweep; its arms: dump")]
    [InlineData("axes:\n  grpo.group_size: [4, 0]", "grpo.group_size: must be > 0, got 0 (arm group_size-0)")]
    [InlineData("axes:\n  strategy: {x: {strategy: {name: sideways}}}\n  seed: [1, 2]", "strategy.name: unknown value 'sideways'")]
    public void ABadSweepIsOneErrorNamingTheField(string sweep, string expected)
    {
        var error = Assert.Throws<SweepSpecException>(() => Expand(sweep));

        Assert.True(error.Errors.Count(e => e.StartsWith(expected, StringComparison.Ordinal)) == 1, string.Join("\n", error.Errors));
    }

    private static SweepPlan Expand(string sweep) =>
        SweepPlan.Expand(SweepSpec.Parse($"{sweep}\nbase:\n{Indent(Base)}"), "s");

    private static string Indent(string yaml) => string.Join('\n', yaml.Split('\n').Select(l => "  " + l));

    private static YamlMappingNode Mapping(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
