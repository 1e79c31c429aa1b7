using Azure;
using Azure.Data.Tables;
using Rlvr.Storage.Resilience;
using StackExchange.Redis;

namespace Rlvr.Silo;

/// <summary>
/// Reaches the membership store before Orleans starts: Orleans meets an unreachable one on a background thread and
/// the process aborts with a stack trace; this stops the host with an error naming the setting instead.
/// </summary>
internal sealed class MembershipStartupCheck(SiloHostOptions silo) : IHostedService
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var setting = $"Silo:MembershipConnectionString for Silo:Membership={silo.Membership}";
        try
        {
            switch (silo.Membership.ToUpperInvariant())
            {
                case "REDIS":
                    var options = ConfigurationOptions.Parse(silo.MembershipConnectionString);
                    options.ConnectTimeout = (int)Timeout.TotalMilliseconds;
                    await using (var redis = await ConnectionMultiplexer.ConnectAsync(options))
                    {
                        await redis.GetDatabase().PingAsync();
                    }
                    break;
                case "AZURE":
                    using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                    {
                        timeout.CancelAfter(Timeout);
                        await new TableServiceClient(silo.MembershipConnectionString).GetPropertiesAsync(timeout.Token);
                    }
                    break;
            }
        }
        catch (Exception e) when (e is RedisException or RequestFailedException or AggregateException or OperationCanceledException or ArgumentException or FormatException)
        {
            throw new StorageUnavailableException($"{silo.Membership} membership", setting, e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
