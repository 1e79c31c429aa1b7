using Microsoft.Extensions.DependencyInjection;
using Rlvr.Runtime.Reminders;
using Rlvr.Runtime.Storage.InMemory;
using Rlvr.Runtime.Tests.Grains;

namespace Rlvr.Runtime.Tests;

public sealed class ReminderTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ReminderTicksUntilUnregistered()
    {
        await using var silo = await SiloHarness.StartAsync();
        var table = silo.Host.Services.GetRequiredService<IReminderTable>();
        var grain = silo.Grains.GetGrain<IReminderGrain>("r");
        var id = new GrainId(nameof(ReminderGrain), "r");

        await grain.Start(50);
        await silo.Probe.WaitForAsync(p => p.Count("reminder r tick") >= 2, Wait);
        Assert.NotNull(await table.ReadAsync(id, "tick"));

        await grain.Cancel();
        Assert.Null(await table.ReadAsync(id, "tick"));
        var ticks = silo.Probe.Count("reminder r tick");
        await Task.Delay(300);
        Assert.InRange(silo.Probe.Count("reminder r tick"), ticks, ticks + 1);
    }

    [Fact]
    public async Task StoredRemindersFireAfterStartUpAndActivateTheirGrain()
    {
        var table = new InMemoryReminderTable();
        var id = new GrainId(nameof(ReminderGrain), "stored");
        await table.UpsertAsync(new ReminderEntry(id, "tick", DateTimeOffset.UtcNow.AddHours(-1), TimeSpan.FromMilliseconds(100)));

        await using var silo = await SiloHarness.StartAsync(services: services => services.AddSingleton<IReminderTable>(table));

        await silo.Probe.WaitForAsync(p => p.Count("reminder stored tick") >= 1, Wait);
    }

    [Fact]
    public async Task GrainTimerTicksAsTurnsUntilDisposed()
    {
        await using var silo = await SiloHarness.StartAsync();

        await silo.Grains.GetGrain<IReminderGrain>("t").StartTimer(20, 3);
        await silo.Probe.WaitForAsync(p => p.Count("timer end") == 3, Wait);
        await Task.Delay(100);

        Assert.Equal(["timer start", "timer end", "timer start", "timer end", "timer start", "timer end"], silo.Probe.Events);
    }

    [Fact]
    public void NextTickIsTheNextPointOfTheGridAfterNow()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var entry = new ReminderEntry(new GrainId("G", "k"), "r", start, TimeSpan.FromMinutes(10));

        Assert.Equal(start, ReminderService.NextTick(entry, start.AddMinutes(-5)));
        Assert.Equal(start.AddMinutes(10), ReminderService.NextTick(entry, start));
        Assert.Equal(start.AddMinutes(30), ReminderService.NextTick(entry, start.AddMinutes(25)));
    }
}
