using System.CommandLine;
using Rlvr.Client;

namespace Rlvr.Cli;

/// <summary>Runs a command against the silo's API; an unreachable silo prints one clear message and exits 1.</summary>
internal static class ClientCommand
{
    public static Func<ParseResult, CancellationToken, Task<int>> Action(Func<RlvrClient, ParseResult, CancellationToken, Task<int>> run) =>
        async (result, cancellation) =>
        {
            using var client = ClientOptions.Create(result);
            try
            {
                return await run(client, result, cancellation);
            }
            catch (HttpRequestException e)
            {
                ErrorConsole.Write($"cannot reach the silo at {ClientOptions.Describe(result)}: {e.Message} (start one with `rlvr silo`, or pass --server)");
                return 1;
            }
        };
}
