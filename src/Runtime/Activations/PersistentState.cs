using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rlvr.Runtime.Calls;
using Rlvr.Runtime.Storage;

namespace Rlvr.Runtime.Activations;

/// <summary>A grain's named state, stored as JSON in a grain storage under an ETag.</summary>
internal sealed class PersistentState<TState>(GrainStateKey key, string storageName, IGrainStorage storage, Activation activation)
    : IPersistentState<TState>, IPersistentStateLoader
    where TState : new()
{
    private readonly JsonSerializerOptions _json = activation.Services.GetRequiredService<GrainJsonOptions>().Options;

    public TState State { get; set; } = new();

    public string? ETag { get; private set; }

    public bool RecordExists => ETag is not null;

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var record = await storage.ReadAsync(key, cancellationToken);
        if (record is null)
        {
            State = new TState();
            ETag = null;
            return;
        }
        try
        {
            State = JsonSerializer.Deserialize<TState>(record.Json, _json) ?? new TState();
        }
        catch (JsonException error)
        {
            throw new InvalidDataException(
                $"Stored state {key} in grain storage '{storageName}' does not deserialize as {typeof(TState)}: {error.Message}", error);
        }
        ETag = record.ETag;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.Serialize(State, _json);
        try
        {
            ETag = await storage.WriteAsync(key, json, ETag, cancellationToken);
        }
        catch (InconsistentStateException)
        {
            activation.Deactivate(DeactivationReason.InconsistentState);
            throw;
        }
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.ClearAsync(key, ETag, cancellationToken);
        }
        catch (InconsistentStateException)
        {
            activation.Deactivate(DeactivationReason.InconsistentState);
            throw;
        }
        ETag = null;
        State = new TState();
    }
}
