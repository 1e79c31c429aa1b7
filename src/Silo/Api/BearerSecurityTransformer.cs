using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Rlvr.Silo.Api;

/// <summary>
/// Declares the bearer token (<see cref="BearerTokenMiddleware"/>) in the OpenAPI document. A silo with a token
/// requires it and answers 401 on every route without it; one without a token (loopback only) ignores the header,
/// so either way is fine.
/// </summary>
internal sealed class BearerSecurityTransformer(bool tokenRequired) : IOpenApiDocumentTransformer
{
    private const string SchemeName = "bearer";

    public async Task TransformAsync(
        OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.AddComponent(SchemeName, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The silo's Api:Token (RLVR_Api__Token); required when the silo has one.",
        });
        var bearer = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] };
        document.Security = tokenRequired ? [bearer] : [bearer, new OpenApiSecurityRequirement()];
        if (!tokenRequired)
        {
            return;
        }

        var unauthorized = new OpenApiResponse
        {
            Description = "The request lacks 'Authorization: Bearer <token>' with the silo's token.",
            Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
            {
                ["WWW-Authenticate"] = new OpenApiHeader
                {
                    Description = "Bearer",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            },
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                [ProblemResponses.ContentType] = new()
                {
                    Schema = await ProblemSchema(document, context, cancellationToken),
                },
            },
        };
        var status = StatusCodes.Status401Unauthorized.ToString(CultureInfo.InvariantCulture);
        foreach (var path in document.Paths.Values)
        {
            foreach (var operation in path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            {
                operation.Responses ??= [];
                operation.Responses[status] = unauthorized;
            }
        }
    }

    /// <summary>The ProblemDetails schema that the routes' 404s and 409s already use, added if none does.</summary>
    private static async Task<IOpenApiSchema> ProblemSchema(
        OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        const string id = nameof(ProblemDetails);
        if (document.Components?.Schemas?.ContainsKey(id) != true)
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
            document.AddComponent(id, schema);
        }
        return new OpenApiSchemaReference(id, document);
    }
}
