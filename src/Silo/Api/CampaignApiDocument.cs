using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Rlvr.Silo.Api;

/// <summary>
/// The OpenAPI document of the API, /api/v1/openapi.json: the routes' own metadata (<see cref="CampaignEndpoints"/>),
/// plus what holds for the document as a whole: its title, tag descriptions, server URL, security and Retry-After.
/// </summary>
internal static class CampaignApiDocument
{
    public const string Name = "v1";

    public static IServiceCollection AddCampaignApiDocument(this IServiceCollection services, bool tokenRequired) =>
        services.AddOpenApi(Name, options =>
        {
            options.AddDocumentTransformer(Describe);
            options.AddDocumentTransformer(new BearerSecurityTransformer(tokenRequired));
            options.AddOperationTransformer(DeclareRetryAfter);
        });

    private static Task Describe(
        OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Rlvr.Orleans campaign API";
        document.Info.Description =
            "Runs and watches RLVR training campaigns on an Orleans silo. Errors are RFC 7807 problem+json.";
        foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            tag.Description = tag.Name switch
            {
                SweepEndpoints.Tag => SweepEndpoints.TagDescription,
                TrainerEndpoints.Tag => TrainerEndpoints.TagDescription,
                StrategyEndpoints.Tag => StrategyEndpoints.TagDescription,
                _ => CampaignEndpoints.Tags.GetValueOrDefault(tag.Name ?? ""),
            };
        }
        // The framework writes the request's base address with a trailing slash; the paths bring their own.
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }
        return Task.CompletedTask;
    }

    /// <summary>Every 503 comes with Retry-After (see <see cref="ApiExceptionHandler"/>).</summary>
    private static Task DeclareRetryAfter(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var status = StatusCodes.Status503ServiceUnavailable.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses?.GetValueOrDefault(status) is OpenApiResponse unavailable)
        {
            unavailable.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
            unavailable.Headers["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before asking again.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
            };
        }
        return Task.CompletedTask;
    }
}
