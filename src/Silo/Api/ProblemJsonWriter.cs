using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Rlvr.Silo.Api;

/// <summary>
/// Writes problem+json whatever the request's Accept header says. The default writer declines a request that does not
/// accept JSON (an event stream's "Accept: text/event-stream", a CSV download's "Accept: text/csv"), which turned
/// every error of such a request (a 404, a 400) into a bare 500. Registered after the default writer: it only answers
/// what that one declines.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<HttpJsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Status ??= context.HttpContext.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
            problem, problem.GetType(), json.Value.SerializerOptions, "application/problem+json", context.HttpContext.RequestAborted));
    }
}
