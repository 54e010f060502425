using Xunit;

namespace NewsAlerts.TestSupport.Azure;

/// <summary>One Azurite for a whole test collection: <c>[Collection(AzuriteFixture.Collection)]</c> plus a definition in the test assembly.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string Collection = "Azurite";

    private AzuriteServer? _server;

    public string ConnectionString => (_server ?? throw new InvalidOperationException("Azurite is not started")).ConnectionString;

    /// <summary>A table prefix, container or queue name of letters and digits no other test uses.</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
