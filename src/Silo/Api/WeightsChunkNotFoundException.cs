namespace Rlvr.Silo.Api;

/// <summary>A chunk of a campaign's published weights that is not stored (never, or collected since): 404.</summary>
public sealed class WeightsChunkNotFoundException(string campaignId, long blob, string sha256)
    : Exception($"campaign '{campaignId}' has no published chunk {sha256} in blob {blob}: it was collected once no version kept needed it; ask for the version again.");
