using System.CommandLine;
using Rlvr.Cli;

var root = new RootCommand("rlvr: RLVR training campaigns")
{
    ClientOptions.Server,
    ClientOptions.Token,
};
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(SiloCommand.Create());
root.Subcommands.Add(CampaignCommands.Create());
root.Subcommands.Add(SweepCommands.Create());
root.Subcommands.Add(CurriculumCommand.Create());
root.Subcommands.Add(MetricsCommand.Create());
root.Subcommands.Add(StrategiesCommand.Create());
var parsed = root.Parse(args);
try
{
    // Without the default handler, whose report is a stack trace: a user error is one message (UserErrors).
    var exit = await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    // A command line that does not parse was reported with the command's help: a user error too.
    return parsed.Errors.Count > 0 ? UserErrors.ExitCode : exit;
}
catch (Exception e) when (UserErrors.Report(e) is { } exit)
{
    return exit;
}
