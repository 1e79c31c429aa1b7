using Microsoft.Extensions.Options;
using Rlvr.Client;
using Rlvr.Grains.Hosting;
using Rlvr.Training.Configuration;
using Rlvr.Training.Sweeps;
using Rlvr.Training.Tasks;

namespace Rlvr.Cli;

/// <summary>
/// Errors a user can fix, wherever a command meets them: one message that names what is wrong and exit code 2, never
/// a stack trace. A silo's answer that is not about the request (5xx) exits 1.
/// </summary>
internal static class UserErrors
{
    public const int ExitCode = 2;

    public static int? Report(Exception error)
    {
        var exit = error switch
        {
            CampaignConfigException or SweepSpecException or DatasetException or OptionsValidationException or GpuSiloRequiredException => ExitCode,
            FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or PathTooLongException => ExitCode,
            RlvrApiException { Status: >= 400 and < 500 } => ExitCode,
            RlvrApiException => 1,
            _ => (int?)null,
        };
        if (exit is not null)
        {
            ErrorConsole.Write(error.Message);
        }
        return exit;
    }
}
