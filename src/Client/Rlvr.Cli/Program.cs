using System.CommandLine;
using Rlvr.Cli;

var root = new RootCommand("rlvr: RLVR training campaigns");
root.Subcommands.Add(PretrainCommand.Create());
return root.Parse(args).Invoke();
