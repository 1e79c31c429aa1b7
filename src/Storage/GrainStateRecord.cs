namespace Rlvr.Storage;

/// <summary>A stored state: its JSON payload and the ETag a later write must present.</summary>
public sealed record GrainStateRecord(string Json, string ETag);
