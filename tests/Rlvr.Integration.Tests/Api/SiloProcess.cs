using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Rlvr.Client;

namespace Rlvr.Integration.Tests.Api;

/// <summary>
/// `rlvr silo` in a child process on a free loopback port (or the address given) over a data directory, started once
/// it has printed "silo up; API on URL"; its address, raw and typed clients, and kill -9.
/// </summary>
internal sealed partial class SiloProcess : IDisposable
{
    /// <summary>Generous: the machine that runs these tests also runs builds and benchmarks.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly RlvrProcess _process;

    private SiloProcess(RlvrProcess process, string dataDirectory, Uri baseAddress)
    {
        _process = process;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    /// <summary>The API's root, e.g. http://127.0.0.1:41234/ (a wildcard address it listens on is reached through loopback).</summary>
    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    public string Output => _process.Output;

    public int Port => BaseAddress.Port;

    /// <param name="listen">Port 0 lets the silo pick a free port (the "silo up" line names it).</param>
    /// <param name="environment">RLVR_ variables (RLVR_Api__Token, RLVR_KILL_POINT...); inherited ones are dropped.</param>
    public static async Task<SiloProcess> Start(string dataDirectory, string listen = "http://127.0.0.1:0", IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = Launch(dataDirectory, listen, environment);
        try
        {
            var up = await process.WaitForLine(SiloUpLine(), StartTimeout);
            return new SiloProcess(process, dataDirectory, Reachable(up.Groups["url"].Value));
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>`rlvr silo` as it is, not waiting for anything: for a silo expected to refuse to start.</summary>
    public static RlvrProcess Launch(string dataDirectory, string listen, IReadOnlyDictionary<string, string>? environment = null) =>
        RlvrProcess.StartCli(["silo", "--data-dir", dataDirectory, "--listen", listen, "--threads", "1"], environment ?? new Dictionary<string, string>());

    /// <summary>An HttpClient on the API with <paramref name="token"/> as its bearer token, if any, and no retries.</summary>
    public HttpClient CreateHttpClient(string? token = null)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return http;
    }

    public RlvrClient CreateClient(string? token = null, int maxRetries = 0) => new(BaseAddress, token, maxRetries);

    /// <summary>Waits until the silo has stopped at the kill point its RLVR_KILL_POINT names.</summary>
    public Task WaitForKillPoint() => _process.WaitForKillPoint(TimeSpan.FromMinutes(2));

    /// <summary>The first output line matching <paramref name="pattern"/>, printed before or after this call.</summary>
    public Task<Match> WaitForLine(Regex pattern, TimeSpan timeout) => _process.WaitForLine(pattern, timeout);

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill() => _process.Kill();

    /// <summary>Sends <paramref name="signal"/> (INT, TERM).</summary>
    public void Signal(string signal) => _process.Signal(signal);

    public Task<int> WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public void Dispose() => _process.Dispose();

    private static Uri Reachable(string url)
    {
        var address = new UriBuilder(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
        if (address.Host is "0.0.0.0" or "[::]" or "::")
        {
            address.Host = "127.0.0.1";
        }
        address.Path = "/";
        return address.Uri;
    }

    [GeneratedRegex(@"silo up; API on (?<url>[^\s,]+)")]
    private static partial Regex SiloUpLine();
}
