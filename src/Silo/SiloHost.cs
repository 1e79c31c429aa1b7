using Microsoft.AspNetCore.Http.Json;
using OpenTelemetry.Metrics;
using Orleans.Configuration;
using Orleans.Dashboard;
using Rlvr.Api.Contracts;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Hosting;
using Rlvr.Silo.Api;

namespace Rlvr.Silo;

/// <summary>
/// Builds a silo: configuration (appsettings.json, then RLVR_-prefixed environment variables such as
/// RLVR_Storage__Provider=Postgres or RLVR_Api__Token), grain storage, reminders and checkpoints, the campaign grains,
/// and the HTTP API (Kestrel, loopback unless a token is set) with its OpenAPI document at /api/v1/openapi.json.
/// </summary>
public static class SiloHost
{
    public const string OrleansDashboardPath = "/dashboard/orleans";

    /// <param name="configure">Runs after the configuration sources are added: overrides (the CLI's options) and logging.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddEnvironmentVariables("RLVR_");
        configure?.Invoke(builder);

        var storage = builder.Configuration.GetSection(SiloStorageOptions.Section).Get<SiloStorageOptions>() ?? new SiloStorageOptions();
        var api = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        api.Validate();
        var tokenRequired = !string.IsNullOrWhiteSpace(api.Token);
        var silo = builder.Configuration.GetSection(SiloHostOptions.Section).Get<SiloHostOptions>() ?? new SiloHostOptions();

        builder.Services.AddSingleton(storage);
        // A stop first checkpoints the running campaigns (CampaignShutdownCheckpoint, a minute at most), then stops Orleans.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = CampaignShutdownCheckpoint.Bound + TimeSpan.FromSeconds(60));
        builder.Services.AddSingleton(SiloIdentity.Current(silo.SiloName));
        builder.Services.AddSiloCheckpoints(storage);
        // Before the Orleans silo, so that an unreachable membership store stops the host with an error naming it
        // (Azure.Core gives up after its retries with an AggregateException).
        builder.Services.AddHostedService(_ => new MembershipStartupCheck(silo));
        var learners = SiloRole.Learners(silo);
        var capabilities = SiloRole.Detect(silo, out var roleWarning);
        builder.UseOrleans(orleans =>
        {
            orleans.AddSiloMembership(silo, builder.Configuration);
            orleans.Configure<SiloOptions>(o => o.SiloName = silo.SiloName);
            orleans.Configure<MessagingOptions>(o =>
            {
                o.ResponseTimeout = silo.CallTimeout;
                o.MaxMessageBodySize = silo.MaxMessageBodySize;
            });
            orleans.Configure<GrainCollectionOptions>(o => o.CollectionAge = silo.CollectionAge);
            orleans.AddSiloStorage(storage, silo.ServiceId, silo.Clustered);
            orleans.AddCampaignGrains(storage.DataDirectoryPath, capabilities, learners);
            if (api.OrleansDashboard)
            {
                orleans.AddDashboard();
            }
        });

        builder.WebHost.UseUrls(api.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = api.MaxRequestBodyBytes);
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = ApiJson.Options.PropertyNamingPolicy;
            foreach (var converter in ApiJson.Options.Converters)
            {
                o.SerializerOptions.Converters.Add(converter);
            }
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        // A query value that does not bind (?top=many) throws, so that the exception handler names the parameter in a 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddCampaignApiDocument(tokenRequired);
        // Orleans' meters and the campaigns', scraped by Prometheus at /metrics (behind the bearer token with the API).
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(CampaignMeters.MeterName, "Microsoft.Orleans")
            .AddPrometheusExporter());

        var app = builder.Build();
        if (roleWarning is not null)
        {
            app.Logger.LogWarning("{Warning}", roleWarning);
        }
        app.UseExceptionHandler();
        // Errors the framework answers without a body (an unknown route, an unsupported media type) get problem+json too.
        app.UseStatusCodePages();
        if (tokenRequired)
        {
            app.UseMiddleware<BearerTokenMiddleware>(api.Token!);
        }
        app.UseCampaignDashboard(api);
        app.MapOpenApi("/api/{documentName}/openapi.json");
        app.MapPrometheusScrapingEndpoint("/metrics");
        if (api.OrleansDashboard)
        {
            app.MapOrleansDashboard(OrleansDashboardPath).ExcludeFromDescription();
        }
        app.MapCampaignApi(api);
        app.MapSweepApi();
        app.MapStrategyApi();
        app.MapTrainerApi();
        app.MapTrainerWeightsApi();
        return app;
    }
}
