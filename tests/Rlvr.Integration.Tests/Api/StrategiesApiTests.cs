using System.Net.Http.Json;
using Rlvr.Api.Contracts;

namespace Rlvr.Integration.Tests.Api;

/// <summary>GET /api/v1/strategies lists the registry: every strategy, filter and replay policy with its parameters and paper.</summary>
[Collection(SharedApiSilo.Name)]
public sealed class StrategiesApiTests(ApiSiloFixture fixture)
{
    [Fact]
    public async Task TheRouteListsEveryRegisteredComponentWithItsParameters()
    {
        using var http = fixture.Silo.CreateHttpClient();

        var components = await http.GetFromJsonAsync<List<StrategyInfo>>("api/v1/strategies", ApiJson.Options);

        Assert.NotNull(components);
        Assert.Equal(
            [
                "strategy uniform", "strategy dump", "strategy dots", "strategy prioritized", "strategy greso", "strategy speed-rl", "strategy dps",
                "strategy knapsack", "strategy reinforce-ada", "strategy dars", "strategy brorl", "strategy beyond-variance", "strategy puzzlecraft",
                "filter none", "filter dynamic", "filter balanced", "replay rollout-replay",
            ],
            components.Select(c => $"{c.Kind} {c.Name}"));
        Assert.Contains(components.Single(c => c.Name == "knapsack").Parameters, p => p is { Key: "strategy.knapsack.max_n", Type: "integer" });
        var dump = components.Single(c => c.Name == "dump");
        Assert.Contains("2504.09710", dump.Paper, StringComparison.Ordinal);
        Assert.Contains(dump.Parameters, p => p is { Key: "strategy.dump.window", Type: "integer", Default: "300" } && p.Description.Length > 0);
        Assert.Contains(components.Single(c => c.Name == "balanced").Parameters, p => p.Key == "filter.low");
    }
}
