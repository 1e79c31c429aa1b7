using Microsoft.AspNetCore.Mvc;

namespace Rlvr.Silo.Api;

/// <summary>
/// The problem+json answers a route declares for the OpenAPI document, each described by when that route gives it
/// (the framework's ProducesProblem describes them only by their reason phrase: "Conflict").
/// </summary>
internal static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    /// <summary>A problem+json answer with <paramref name="status"/>, given <paramref name="when"/>.</summary>
    public static RouteHandlerBuilder ProducesProblemWhen(this RouteHandlerBuilder route, int status, string when) =>
        route.WithMetadata(Response<ProblemDetails>(status, when));

    /// <summary>A 400 naming each field, parameter or header at fault, given <paramref name="when"/>.</summary>
    public static RouteHandlerBuilder ProducesInvalidRequestWhen(this RouteHandlerBuilder route, string when) =>
        route.WithMetadata(Response<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest, when));

    // The attribute, not ProducesResponseTypeMetadata: ASP.NET Core 10.0 drops the latter's Description
    // (dotnet/aspnetcore#63766).
    private static ProducesResponseTypeAttribute<T> Response<T>(int status, string when) =>
        new(status, ContentType) { Description = when };
}
