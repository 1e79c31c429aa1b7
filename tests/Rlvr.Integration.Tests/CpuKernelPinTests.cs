using System.Runtime.Intrinsics.X86;
using Xunit.Abstractions;

namespace Rlvr.Integration.Tests;

/// <summary>
/// The CPU kernel pin: the same short campaign run by `rlvr run` under the dispatch settings other CPUs would choose
/// (AVX-512 where this one has it, AVX without FMA) ends with the same bits as the pinned run when pinned, whatever
/// the environment says, and with other bits when the pin is off (so the settings do change the rounding here).
/// </summary>
public sealed class CpuKernelPinTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    private readonly string _root = Directory.CreateTempSubdirectory("rlvr-kernel-pin-").FullName;

    public static TheoryData<string, string, string> OtherCpus()
    {
        var cpus = new TheoryData<string, string, string> { { "Sandybridge", "default", "ATen no avx, OpenBLAS Sandybridge" } };
        if (Avx512F.IsSupported)
        {
            cpus.Add("SkylakeX", "avx512", "ATen avx512, OpenBLAS SkylakeX");
        }
        return cpus;
    }

    [Theory]
    [MemberData(nameof(OtherCpus))]
    public async Task PinnedRunsGiveTheSameBitsUnderAnotherCpusDispatchAndNativeRunsDoNot(
        string blasCore, string atenCapability, string nativeKernels)
    {
        Assert.True(Avx2.IsSupported && Fma.IsSupported, "the pin needs an x86-64 CPU with AVX2 and FMA");
        var campaignFile = Path.Combine(_root, "campaign.yaml");
        await File.WriteAllTextAsync(campaignFile, ResumeCampaign.Yaml);
        var otherCpu = new Dictionary<string, string> { ["OPENBLAS_CORETYPE"] = blasCore, ["ATEN_CPU_CAPABILITY"] = atenCapability };

        var runs = await Task.WhenAll(
            Run(campaignFile, "pinned", [], new Dictionary<string, string>()),
            Run(campaignFile, "pinned-under-other-cpu", [], otherCpu),
            Run(campaignFile, "native-under-other-cpu", ["--cpu-kernels", "native"], otherCpu));

        Assert.Contains("CPU kernels: ATen avx2, OpenBLAS Haswell (pinned)", runs[0].Output, StringComparison.Ordinal);
        Assert.Contains("CPU kernels: ATen avx2, OpenBLAS Haswell (pinned)", runs[1].Output, StringComparison.Ordinal);
        Assert.Contains($"CPU kernels: {nativeKernels},", runs[2].Output, StringComparison.Ordinal);
        CampaignOutcome.AssertSame(runs[0].Outcome, runs[1].Outcome);
        Assert.NotEqual(runs[0].Outcome.WeightsHash, runs[2].Outcome.WeightsHash);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<(string Output, CampaignOutcome Outcome)> Run(
        string campaignFile, string name, string[] options, Dictionary<string, string> environment)
    {
        var data = Path.Combine(_root, name);
        using var run = RlvrProcess.StartCli(
            ["run", campaignFile, "--data-dir", data, "--threads", "1", "--listen", "http://127.0.0.1:0", .. options], environment);
        var exit = await run.WaitForExit(Timeout);
        // The console wraps long lines; the kernels are asserted on the joined output.
        var joined = run.Output.Replace("\n", "", StringComparison.Ordinal);
        output.WriteLine($"{name}: exit {exit}");
        Assert.True(exit == 0, $"rlvr run ({name}) exited {exit}:\n{run.Output}");
        return (joined, CampaignOutcome.Read(data));
    }
}
