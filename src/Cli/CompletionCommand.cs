using System.CommandLine;
using System.Reflection;

namespace Rlvr.Cli;

/// <summary>
/// `rlvr completion bash|zsh`: a script that completes rlvr's commands, options and their values in the shell, to
/// source from its start-up file. The shell asks this build's System.CommandLine parser through its [suggest]
/// directive (no dotnet-suggest tool needed), so completions always match the installed rlvr.
/// </summary>
internal static class CompletionCommand
{
    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "bash or zsh" };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var command = new Command("completion",
            "Print a shell completion script; bash: add `source <(rlvr completion bash)` to ~/.bashrc, zsh: `source <(rlvr completion zsh)` to ~/.zshrc after compinit")
        {
            shell,
        };
        command.SetAction(result =>
        {
            Console.Out.Write(result.GetValue(shell) == "zsh" ? Zsh(Self()) : Bash(Self()));
            return 0;
        });
        return command;
    }

    /// <summary>This rlvr as a shell command: the .NET host and the dll, or the app host alone.</summary>
    private static string Self()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? $"{Quote(process)} {Quote(Assembly.GetEntryAssembly()!.Location)}"
            : Quote(process);
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Bash(string self) => $$"""
        # rlvr completion for bash: `source <(rlvr completion bash)` (in ~/.bashrc to keep it)
        _rlvr_complete()
        {
            local cur="${COMP_WORDS[COMP_CWORD]}" IFS=$'\n'
            local candidates
            read -d '' -ra candidates < <({{self}} "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)
            read -d '' -ra COMPREPLY < <(compgen -W "${candidates[*]:-}" -- "$cur")
        }
        complete -o default -F _rlvr_complete rlvr

        """;

    private static string Zsh(string self) => $$"""
        # rlvr completion for zsh: `source <(rlvr completion zsh)` after compinit (in ~/.zshrc to keep it)
        _rlvr_complete()
        {
            local -a candidates
            candidates=("${(@f)$({{self}} "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)}")
            compadd -a candidates
        }
        compdef _rlvr_complete rlvr

        """;
}
