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
root.Subcommands.Add(CurriculumCommand.Create());
root.Subcommands.Add(MetricsCommand.Create());
return await root.Parse(args).InvokeAsync();
