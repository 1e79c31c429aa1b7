using System.CommandLine;
using Rlvr.Cli;

CliConsole.Install();
var root = new RootCommand("rlvr: RLVR training campaigns");
var run = RunCommand.Create();
var silo = SiloCommand.Create();
root.Subcommands.Add(run);
root.Subcommands.Add(silo);
root.Subcommands.Add(InitCommand.Create());
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(CampaignCommands.Create());
root.Subcommands.Add(ConfigCommand.Create());
root.Subcommands.Add(CheckpointsCommand.Create());
root.Subcommands.Add(ReplayCommand.Create());
root.Subcommands.Add(CurriculumCommand.Create());
root.Subcommands.Add(MetricsCommand.Create());
root.Subcommands.Add(EvaluationsCommand.Create());
root.Subcommands.Add(SweepCommands.Create());
root.Subcommands.Add(StrategiesCommand.Create());
root.Subcommands.Add(CompletionCommand.Create());
var parsed = root.Parse(args);
try
{
    // Without the default handler, whose report is a stack trace: a user error is one message (UserErrors).
    var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
    if (parsed.CommandResult.Command == run || parsed.CommandResult.Command == silo)
    {
        // Their host stops on a signal (CliLifetime), checkpointing first: System.CommandLine would exit 2 seconds in.
        configuration.ProcessTerminationTimeout = null;
    }
    var exit = await parsed.InvokeAsync(configuration);
    // A command line that does not parse was reported with the command's help: a user error too.
    return parsed.Errors.Count > 0 ? UserErrors.ExitCode : exit;
}
catch (Exception e) when (UserErrors.Report(e) is { } exit)
{
    return exit;
}
