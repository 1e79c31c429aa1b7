using System.CommandLine;
using Rlvr.Client;

namespace Rlvr.Cli;

/// <summary>The options of the commands that talk to a running silo: its address and bearer token (also from RLVR_SERVER, RLVR_TOKEN).</summary>
internal static class ClientOptions
{
    public static readonly Option<IReadOnlyList<Uri>> Server = new("--server")
    {
        Description = "The silo's API; several silos of a cluster separated by commas, tried in turn (env RLVR_SERVER)",
        DefaultValueFactory = _ => Parse(Environment.GetEnvironmentVariable("RLVR_SERVER") is { Length: > 0 } server ? server : SiloCommandLine.DefaultListen, out var _),
        CustomParser = result =>
        {
            var servers = Parse(result.Tokens[0].Value, out var error);
            if (error is not null)
            {
                result.AddError(error);
            }
            return servers;
        },
        Recursive = true,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "Bearer token of a silo that requires one (env RLVR_TOKEN)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RLVR_TOKEN"),
        Recursive = true,
    };

    public static RlvrClient Create(ParseResult result) => new(result.GetValue(Server)!, result.GetValue(Token));

    public static string Describe(ParseResult result) => string.Join(", ", result.GetValue(Server)!);

    private static List<Uri> Parse(string text, out string? error)
    {
        error = null;
        var servers = new List<Uri>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Uri.TryCreate(part, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                servers.Add(uri);
            }
            else
            {
                error ??= $"--server: '{part}' is not an http(s) URL";
            }
        }
        error ??= servers.Count == 0 ? "--server: no address given" : null;
        return servers;
    }
}
