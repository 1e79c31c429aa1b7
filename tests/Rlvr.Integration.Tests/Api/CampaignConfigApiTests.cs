using System.Net;
using System.Net.Http.Json;
using Rlvr.Api.Contracts;

namespace Rlvr.Integration.Tests.Api;

/// <summary>GET campaigns/{id}/config: the effective configuration with every default, which is the same campaign, and its prompt sources.</summary>
[Collection(SharedApiSilo.Name)]
public sealed class CampaignConfigApiTests(ApiSiloFixture fixture)
{
    private const string Done = ApiSiloFixture.Done;

    [Fact]
    public async Task TheConfigHasEveryDefaultAndIsTheSameCampaign()
    {
        using var http = fixture.Silo.CreateHttpClient();
        var config = await ApiJsonText.Read<CampaignConfigInfo>(await http.GetAsync($"api/v1/campaigns/{Done}/config"));
        var campaign = await fixture.Client.GetCampaignAsync(Done);

        Assert.Equal(Done, config.Id);
        Assert.Equal(campaign.ConfigHash, config.ConfigHash);
        Assert.Equal(ApiJsonText.Of(config), ApiJsonText.Of(await fixture.Client.GetConfigAsync(Done)));
        // Keys the campaign's file left out, with their defaults, and the blocks of strategies it does not use.
        Assert.Contains("clip_high: 0.2", config.Yaml, StringComparison.Ordinal);
        Assert.Contains("loss_aggregation: \"token-mean\"", config.Yaml, StringComparison.Ordinal);
        Assert.Contains("  dots:", config.Yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("clip_high", ApiCampaigns.Tiny, StringComparison.Ordinal);

        // Created again under its id from the written YAML: the silo finds the same configuration hash (another is a 409).
        using var again = await http.PostAsJsonAsync("api/v1/campaigns", new CreateCampaignRequest(Done, config.Yaml), ApiJson.Options);
        Assert.Equal(campaign.ConfigHash, (await ApiJsonText.Read<CampaignInfo>(again)).ConfigHash);
        using var edited = await http.PostAsJsonAsync(
            "api/v1/campaigns", new CreateCampaignRequest(Done, config.Yaml.Replace("clip_high: 0.2", "clip_high: 0.3", StringComparison.Ordinal)), ApiJson.Options);
        Assert.Equal(HttpStatusCode.Conflict, edited.StatusCode);
    }

    [Fact]
    public async Task TheSourcesAreTheFamilyAndItsDistributionsWithTheirPromptCounts()
    {
        var config = await fixture.Client.GetConfigAsync(Done);

        var source = Assert.Single(config.Sources);
        Assert.Equal(("addition", ConfigSourceInfo.Family), (source.Name, source.Kind));
        Assert.Equal(ApiCampaigns.Distributions, source.Distributions.Select(d => d.Name));
        // pool_size: 40 training prompts, eval_size: 4 held out, of each distribution; the curriculum knows of no more.
        Assert.All(source.Distributions, d => Assert.Equal((40, 4), (d.TrainingPrompts, d.HeldOutPrompts)));
        foreach (var distribution in source.Distributions)
        {
            Assert.InRange((await fixture.Client.GetCurriculumAsync(Done, 0, distribution.Name)).PromptsTotal, 1, distribution.TrainingPrompts);
        }
    }
}
