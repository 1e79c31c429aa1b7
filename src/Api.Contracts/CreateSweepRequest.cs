namespace Rlvr.Api.Contracts;

/// <summary>
/// POST /api/v1/sweeps: the sweep id (campaign-id-like; its campaigns are <c>id.arm.seed-n</c>) and its spec, one
/// self-contained YAML text (base campaign and strategy fragments inlined, as `rlvr sweep create` sends it).
/// </summary>
public sealed record CreateSweepRequest(string Id, string Spec);
