using Spectre.Console;

namespace Rlvr.Cli;

/// <summary>
/// The console every command writes to. Into a pipe or a file, and wherever NO_COLOR is set (no-color.org), it writes
/// plain text: no colour, no cursor movement, no redrawn frames; into a pipe, lines are as wide as their content
/// (COLUMNS, when set, limits them) instead of Spectre's 80 columns.
/// </summary>
internal static class CliConsole
{
    /// <summary>Wide enough for any table this tool prints, so that a pipe gets whole rows.</summary>
    private const int UnlimitedWidth = 4096;

    /// <summary>Whether the output is a terminal that may be redrawn in place (live tables, progress bars).</summary>
    public static bool Interactive { get; } = !Console.IsOutputRedirected && !NoColor;

    /// <summary>NO_COLOR set to anything but the empty string.</summary>
    public static bool NoColor => Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 };

    public static void Install()
    {
        var plain = Console.IsOutputRedirected || NoColor;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = plain ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0 ? columns : UnlimitedWidth;
        }
        AnsiConsole.Console = console;
    }
}
