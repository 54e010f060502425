using NewsAlerts.Core.Delivery;

namespace NewsAlerts.Infrastructure.Tests.Contracts;

/// <summary>What every <see cref="IUnsubscribeStore"/> must do; one subclass per implementation.</summary>
public abstract class UnsubscribeStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    protected abstract IUnsubscribeStore CreateStore();

    [Fact]
    public async Task Add_ThenContains_IgnoringCase()
    {
        var store = CreateStore();

        Assert.True(await store.AddAsync("Sam@Example.com", Now, CancellationToken.None));

        Assert.True(await store.ContainsAsync("sam@example.com", CancellationToken.None));
        Assert.True(await store.ContainsAsync("SAM@EXAMPLE.COM", CancellationToken.None));
        Assert.False(await store.ContainsAsync("kim@example.com", CancellationToken.None));
    }

    [Fact]
    public async Task Add_Twice_SaysItWasAlreadyThere()
    {
        var store = CreateStore();
        await store.AddAsync("sam@example.com", Now, CancellationToken.None);

        Assert.False(await store.AddAsync("sam@example.com", Now.AddDays(1), CancellationToken.None));
    }
}
