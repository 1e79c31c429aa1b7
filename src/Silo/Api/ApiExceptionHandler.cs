using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Contracts;
using Rlvr.Training.Configuration;
using Rlvr.Training.Sweeps;
using Rlvr.Training.Tasks;

namespace Rlvr.Silo.Api;

/// <summary>
/// Turns failures into problem+json: invalid requests, query values, campaign configurations and datasets (400, naming
/// the fields and lines; sweep specs under "spec"; trainer reports), unknown campaigns, sweeps, leases, policy versions and weight chunks (404), leases
/// re-issued after they expired (410), requests the campaign's state does not allow (409), bodies over the limit (413),
/// a running campaign restoring its grains or a grain on a silo that just died (503, retry after a second: the cluster
/// places it again once membership has declared the silo dead); anything else is logged and answered 500
/// without internals.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ApiValidationException e => Invalid(e.Errors),
            CampaignConfigException e => Invalid(e.Errors
                .Select(error => ApiErrorFields.OfConfigError(error))
                .GroupBy(error => error.Field, error => error.Message)
                .ToDictionary(g => g.Key, g => g.ToArray())),
            SweepSpecException e => Invalid(e.Errors
                .Select(error => ApiErrorFields.OfConfigError(error, "spec"))
                .GroupBy(error => error.Field, error => error.Message)
                .ToDictionary(g => g.Key, g => g.ToArray())),
            DatasetException e => Invalid(new Dictionary<string, string[]>
            {
                ["dataset"] = [.. e.Errors.Select(error => error.Describe(e.File)),
                    .. e.Count > e.Errors.Count ? [$"... and {e.Count - e.Errors.Count} more bad lines"] : Array.Empty<string>()],
            }),
            TrainerReportException e => Invalid(new Dictionary<string, string[]> { [e.Field] = [e.Message] }),
            UnknownLeaseException e => new ProblemDetails { Status = 404, Title = "Not Found", Detail = e.Message },
            LeaseGoneException e => new ProblemDetails { Status = 410, Title = "Gone", Detail = e.Message },
            CampaignNotFoundException or SweepNotFoundException or PromptNotFoundException or WeightsChunkNotFoundException or PolicyVersionNotHeldException => new ProblemDetails { Status = 404, Title = "Not Found", Detail = exception.Message },
            CampaignConflictException e => new ProblemDetails { Status = 409, Title = "Conflict", Detail = e.Message },
            CampaignRestoreRequiredException e => Unavailable(httpContext, e.Message),
            _ when ClusterFailures.IsSiloLoss(exception) => Unavailable(httpContext, "A silo of the cluster was lost mid-call."),
            BadHttpRequestException { StatusCode: 400 } e when ApiErrorFields.OfBindingError(e) is { } parameter =>
                Invalid(new Dictionary<string, string[]> { [parameter] = [e.Message] }),
            BadHttpRequestException e => new ProblemDetails { Status = e.StatusCode, Title = e.StatusCode == 413 ? "Payload Too Large" : "Bad Request", Detail = e.Message },
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "{Method} {Path} failed", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails { Status = 500, Title = "Internal Server Error", Detail = $"{exception.GetType().Name}: the silo's log has the details" };
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Unavailable(HttpContext httpContext, string detail)
    {
        httpContext.Response.Headers.RetryAfter = "1";
        return new ProblemDetails { Status = 503, Title = "Service Unavailable", Detail = $"{detail} Ask again shortly." };
    }

    private static ValidationProblemDetails Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(errors.ToDictionary(e => e.Key, e => e.Value)) { Status = 400, Title = "Invalid request" };
}
