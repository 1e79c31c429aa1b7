namespace Rlvr.Integration.Tests.Sweeps;

/// <summary>The test classes that read <see cref="SweepSiloFixture"/>'s finished sweep (they run one after the other).</summary>
[CollectionDefinition(Name)]
public sealed class SharedSweepSilo : ICollectionFixture<SweepSiloFixture>
{
    public const string Name = "sweep silo";
}
