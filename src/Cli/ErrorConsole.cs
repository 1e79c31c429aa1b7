using Spectre.Console;

namespace Rlvr.Cli;

/// <summary>
/// Errors go to stderr, so that a command's output piped into a file or another tool (CSV, tables) stays clean: in red on
/// a terminal (unless NO_COLOR is set), else as plain unwrapped lines that logs and scripts can match.
/// </summary>
internal static class ErrorConsole
{
    private static readonly IAnsiConsole Terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    public static void Write(string message)
    {
        if (Console.IsErrorRedirected || CliConsole.NoColor)
        {
            Console.Error.WriteLine(message);
        }
        else
        {
            Terminal.MarkupLineInterpolated($"[red]{message}[/]");
        }
    }
}
