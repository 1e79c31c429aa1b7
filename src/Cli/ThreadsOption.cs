using System.CommandLine;
using Rlvr.Torch;

namespace Rlvr.Cli;

/// <summary>--threads of the commands that host a learner: libtorch's intra-op thread count, checked at parsing.</summary>
internal static class ThreadsOption
{
    public static Option<int> Create()
    {
        var threads = new Option<int>("--threads") { Description = "libtorch threads", DefaultValueFactory = _ => TorchRuntime.DefaultThreads };
        threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError($"--threads must be positive, got {result.GetValueOrDefault<int>()}");
            }
        });
        return threads;
    }
}
