using System.CommandLine;
using Rlvr.Cli;

var root = new RootCommand("rlvr: RLVR training campaigns");
root.Subcommands.Add(RunCommand.Create());
return await root.Parse(args).InvokeAsync();
