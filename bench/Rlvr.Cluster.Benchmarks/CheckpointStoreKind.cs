namespace Rlvr.Cluster.Benchmarks;

/// <summary>The checkpoint stores the product offers, each benchmarked against a plain copy into the same medium.</summary>
public enum CheckpointStoreKind
{
    Local,
    Postgres,
    AzureBlob,
}
