using Rlvr.Storage.Checkpoints;

namespace Rlvr.Storage.Tests.Checkpoints;

/// <summary>Each test gets its own temporary directory.</summary>
public sealed class LocalCheckpointStoreConformanceTests : CheckpointStoreConformanceTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rlvr-checkpoints-").FullName;

    protected override ICheckpointStore OpenStore() => new LocalCheckpointStore(_directory);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
