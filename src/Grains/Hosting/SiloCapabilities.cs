namespace Rlvr.Grains.Hosting;

/// <summary>
/// What a silo advertises to the cluster in its Orleans silo metadata: whether it is a GPU silo (learners go there) and
/// the device its learners compute on ("cuda:0", or "cpu" on a CPU silo and on a GPU-role silo rehearsed without one).
/// </summary>
public sealed record SiloCapabilities(bool Gpu, string Device)
{
    public const string AcceleratorKey = "rlvr.accelerator";
    public const string DeviceKey = "rlvr.device";

    public static SiloCapabilities Cpu { get; } = new(false, "cpu");

    public Dictionary<string, string> Metadata() => new(StringComparer.Ordinal)
    {
        [AcceleratorKey] = Gpu ? "gpu" : "cpu",
        [DeviceKey] = Device,
    };

    public static bool IsGpu(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue(AcceleratorKey, out var accelerator) && accelerator == "gpu";
}
