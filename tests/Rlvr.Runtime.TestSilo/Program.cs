// A silo process for the restart test: SQLite storage and reminders in the data directory given as the first
// argument; with "register" as the second argument it registers a 300 ms reminder once started.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rlvr.Runtime;
using Rlvr.Runtime.Hosting;
using Rlvr.Runtime.Storage.Sqlite;
using Rlvr.Runtime.TestSilo;

var dataDirectory = args[0];
var database = Path.Combine(dataDirectory, "silo.db");
var builder = Host.CreateApplicationBuilder();
builder.Services.AddSingleton(new TickLog(Path.Combine(dataDirectory, "ticks.log")));
builder.Services.AddSqliteGrainStorage(PersistentStateAttribute.DefaultStorageName, options => options.DatabasePath = database);
builder.Services.AddSqliteReminderTable(options => options.DatabasePath = database);
builder.UseRlvrSilo(silo => silo.AddGrain<TickLogGrain>());
using var host = builder.Build();
await host.StartAsync();
if (args.Length > 1 && args[1] == "register")
{
    await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ITickLogGrain>("probe").RegisterReminder(TimeSpan.FromMilliseconds(300));
}
Console.WriteLine("started");
await host.WaitForShutdownAsync();
