using Rlvr.Runtime.Reminders;
using Rlvr.Runtime.Storage;
using Rlvr.Runtime.Storage.InMemory;

namespace Rlvr.Runtime.Tests.Storage;

/// <summary>The in-memory "database" is one provider instance, shared by every open.</summary>
public sealed class InMemoryStorageConformanceTests : StorageConformanceTests
{
    private readonly InMemoryGrainStorage _storage = new();
    private readonly InMemoryReminderTable _reminders = new();

    protected override IGrainStorage OpenGrainStorage() => _storage;

    protected override IReminderTable OpenReminderTable() => _reminders;
}
