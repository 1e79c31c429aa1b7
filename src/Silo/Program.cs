// The silo host: configuration (appsettings.json, then RLVR_-prefixed environment variables such as
// RLVR_Storage__Provider=Postgres), storage wiring and the silo itself.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Rlvr.Runtime.Hosting;
using Rlvr.Silo;

var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddEnvironmentVariables("RLVR_");
builder.Services.AddSiloStorage(builder.Configuration);
builder.Services.Configure<SiloOptions>(builder.Configuration.GetSection("Silo"));
builder.UseRlvrSilo(_ => { });
await builder.Build().RunAsync();
