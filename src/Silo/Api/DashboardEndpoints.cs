using System.Reflection;
using Microsoft.Extensions.FileProviders;

namespace Rlvr.Silo.Api;

/// <summary>
/// The campaign dashboard at /dashboard/: static files embedded in the silo (Dashboard/wwwroot and uPlot, which the
/// build takes from npm), that read the API from the browser. The pages hold no data, so they load without the token;
/// the page asks for it when the API answers 401.
/// </summary>
internal static class DashboardEndpoints
{
    public const string Path = "/dashboard";

    public static WebApplication UseCampaignDashboard(this WebApplication app, ApiOptions options)
    {
        app.MapGet("/", () => TypedResults.Redirect(Path + "/")).ExcludeFromDescription();
        // What the page links to: Orleans' dashboard only where it is mounted.
        app.MapGet(Path + "/settings.json", () => TypedResults.Json(new { orleansDashboard = options.OrleansDashboard }))
            .ExcludeFromDescription();
        // DefaultFiles answers /dashboard with a redirect to /dashboard/, and serves index.html there.
        var files = new EmbeddedFileProvider(Assembly.GetExecutingAssembly(), "Rlvr.Silo.Dashboard");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = Path });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = Path });
        return app;
    }

    /// <summary>A page or script of the dashboard itself (not Orleans' dashboard below it, which reads grain data).</summary>
    public static bool IsDashboardFile(PathString path) =>
        path.StartsWithSegments(Path, out var rest)
        && !rest.StartsWithSegments("/orleans")
        && (!rest.HasValue || rest.Value == "/" || !rest.Value[1..].Contains('/', StringComparison.Ordinal));
}
