using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Rlvr.Silo.Api;

/// <summary>
/// With a token configured, every request (the API, the Prometheus scrape at /metrics, Orleans' dashboard) must carry
/// "Authorization: Bearer &lt;token&gt;"; otherwise 401. The campaign dashboard's own files hold no data and load
/// without it: the page then sends the token with its API calls.
/// </summary>
internal sealed class BearerTokenMiddleware(RequestDelegate next, string token)
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes(token);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!DashboardEndpoints.IsDashboardFile(context.Request.Path) && !Authorized(context.Request.Headers.Authorization.ToString()))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await context.Response.WriteAsJsonAsync(
                new ProblemDetails { Status = 401, Title = "Unauthorized", Detail = "this silo requires 'Authorization: Bearer <token>' (its Api:Token)" },
                (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
            return;
        }
        await next(context);
    }

    // Constant time, so the comparison does not leak how much of a guess was right.
    private bool Authorized(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()), _expected);
}
