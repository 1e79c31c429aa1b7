namespace Rlvr.Integration.Tests.Api;

/// <summary>A silo bound beyond loopback (every address), which it allows only with a bearer token (RLVR_Api__Token).</summary>
public sealed class TokenSiloFixture : IAsyncLifetime
{
    public const string Token = "s3cret-token-for-tests";

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "rlvr-api-auth-" + Guid.NewGuid().ToString("N"));

    internal SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        Silo = await SiloProcess.Start(Path.Combine(Root, "data"), "http://0.0.0.0:0", new Dictionary<string, string> { ["RLVR_Api__Token"] = Token });
    }

    public Task DisposeAsync()
    {
        Silo?.Dispose();
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}
