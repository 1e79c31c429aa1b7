using Rlvr.Silo;

await SiloHost.Build(args).RunAsync();
