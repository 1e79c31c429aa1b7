using System.CommandLine;
using Rlvr.Client;

namespace Rlvr.Cli;

/// <summary>The options of the commands that talk to a running silo: its address and bearer token (also from RLVR_SERVER, RLVR_TOKEN).</summary>
internal static class ClientOptions
{
    public static readonly Option<Uri> Server = new("--server")
    {
        Description = "The silo's API (env RLVR_SERVER)",
        DefaultValueFactory = _ => new Uri(Environment.GetEnvironmentVariable("RLVR_SERVER") is { Length: > 0 } server ? server : SiloCommandLine.DefaultListen),
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return uri;
            }
            result.AddError($"--server: '{text}' is not an http(s) URL");
            return null;
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
}
