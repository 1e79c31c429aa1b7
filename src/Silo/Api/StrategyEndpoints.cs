using Rlvr.Api.Contracts;
using Rlvr.Training.Strategies;

namespace Rlvr.Silo.Api;

/// <summary>GET /api/v1/strategies: every registered strategy, filter and replay policy, with its parameters and paper.</summary>
internal static class StrategyEndpoints
{
    public const string Tag = "strategies";

    public const string TagDescription = "The prompt-selection strategies, group filters and replay policies a campaign can name.";

    public static IEndpointRouteBuilder MapStrategyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/strategies", List).WithTags(Tag).WithName("ListStrategies")
            .WithSummary("List every registered strategy, filter and replay policy with its parameters, defaults and paper");
        return app;
    }

    private static IReadOnlyList<StrategyInfo> List() => [.. StrategyRegistry.Describe().Select(ToInfo)];

    public static StrategyInfo ToInfo(ComponentInfo c) => new(
        c.Kind, c.Name, c.Summary, c.Paper, [.. c.Parameters.Select(p => new StrategyParameterInfo(p.Key, p.Type, p.Default, p.Description))]);
}
