using System.CommandLine;
using Rlvr.Client;

namespace Rlvr.Cli;

/// <summary>
/// A command that talks to a running silo: it gets --server and --token, and an unreachable silo, or an address that is
/// not a silo's API (a user error, exit 2), prints one clear message and exits.
/// </summary>
internal static class ClientCommand
{
    public static Command WithClient(this Command command, Func<RlvrClient, ParseResult, CancellationToken, Task<int>> run)
    {
        var options = ClientOptions.AddTo(command);
        command.SetAction(async (result, cancellation) =>
        {
            using var client = options.Create(result);
            try
            {
                return await run(client, result, cancellation);
            }
            catch (HttpRequestException e)
            {
                ErrorConsole.Write($"cannot reach the silo at {options.Describe(result)}: {e.Message} (start one with `rlvr silo`, or pass --server)");
                return 1;
            }
            catch (RlvrNotApiException e)
            {
                ErrorConsole.Write($"--server {options.Describe(result)} is not a silo's API ({e.Message}): give the API's root " +
                    $"(e.g. {SiloCommandLine.DefaultListen}), not a page such as /dashboard.");
                return UserErrors.ExitCode;
            }
        });
        return command;
    }
}
