using System.CommandLine;
using Rlvr.Client;

namespace Rlvr.Cli;

/// <summary>
/// The options of the commands that talk to a running silo, and of those only: its address and bearer token (also from
/// RLVR_SERVER, RLVR_TOKEN).
/// </summary>
internal sealed class ClientOptions
{
    // No default value: the help would print it a second time (as a URI, with a trailing slash); the description says it.
    private readonly Option<IReadOnlyList<Uri>?> _server = new("--server")
    {
        Description = $"The silo's API, {SiloCommandLine.DefaultListen} unless RLVR_SERVER says otherwise; several silos of a cluster separated by commas, tried in turn",
        CustomParser = result =>
        {
            var servers = Parse(result.Tokens[0].Value, out var error);
            if (error is not null)
            {
                result.AddError(error);
            }
            return servers;
        },
        HelpName = "url[,url...]",
    };

    private readonly Option<string?> _token = new("--token")
    {
        Description = "Bearer token of a silo that requires one (env RLVR_TOKEN)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RLVR_TOKEN"),
    };

    /// <summary>Adds --server and --token to <paramref name="command"/>.</summary>
    public static ClientOptions AddTo(Command command)
    {
        var options = new ClientOptions();
        command.Options.Add(options._server);
        command.Options.Add(options._token);
        return options;
    }

    public RlvrClient Create(ParseResult result) => new(Servers(result), result.GetValue(_token));

    public string Describe(ParseResult result) => string.Join(", ", Servers(result).Select(u => u.ToString().TrimEnd('/')));

    private IReadOnlyList<Uri> Servers(ParseResult result) =>
        result.GetValue(_server) ?? Parse(Environment.GetEnvironmentVariable("RLVR_SERVER") is { Length: > 0 } server ? server : SiloCommandLine.DefaultListen, out _);

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
