using System.Net;

namespace Rlvr.Silo.Api;

/// <summary>
/// The "Api" configuration section: where the HTTP API listens, its bearer token and its request-body limits.
/// </summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    public const int DefaultPort = 5280;

    /// <summary>Kestrel URLs, ';'-separated. Loopback by default; any other address requires <see cref="Token"/>.</summary>
    public string Urls { get; set; } = $"http://127.0.0.1:{DefaultPort}";

    /// <summary>The bearer token every /api request must carry when set (environment: RLVR_Api__Token).</summary>
    public string? Token { get; set; }

    /// <summary>Larger request bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1 << 20;

    /// <summary>Larger dataset uploads (POST /api/v1/datasets) get 413; the silo holds an upload in memory to check it.</summary>
    public long MaxDatasetBytes { get; set; } = 64 << 20;

    /// <summary>
    /// Orleans' own dashboard (grains, calls, silos) at /dashboard/orleans/. Off by default: its grain-call profiler
    /// sits in front of every grain call.
    /// </summary>
    public bool OrleansDashboard { get; set; }

    /// <summary>Refuses to expose the API beyond this machine without a token.</summary>
    public void Validate()
    {
        if (MaxRequestBodyBytes <= 0)
        {
            throw new InvalidOperationException($"Api:MaxRequestBodyBytes must be positive, got {MaxRequestBodyBytes}.");
        }
        if (MaxDatasetBytes <= 0)
        {
            throw new InvalidOperationException($"Api:MaxDatasetBytes must be positive, got {MaxDatasetBytes}.");
        }
        var exposed = Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(u => !IsLoopback(u)).ToList();
        if (exposed.Count > 0 && string.IsNullOrWhiteSpace(Token))
        {
            throw new InvalidOperationException(
                $"Api:Urls binds {string.Join(", ", exposed)}, beyond loopback: set Api:Token (RLVR_Api__Token) so that requests need a bearer token.");
        }
    }

    private static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException($"Api:Urls has '{url}', which is not a URL.");
        }
        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
