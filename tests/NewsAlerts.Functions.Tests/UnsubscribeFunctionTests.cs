using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using NewsAlerts.Core.Unsubscribe;
using NewsAlerts.Functions.Tests.Http;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Digests;

namespace NewsAlerts.Functions.Tests;

/// <summary>The unsubscribe function called directly, over the real token signer and an in-memory unsubscribe store.</summary>
public sealed class UnsubscribeFunctionTests
{
    private readonly DigestHarness _harness = new(new ConfigBuilder().WithSubscriber("sam").Build());

    private UnsubscribeFunction Function() =>
        new(new UnsubscribeEndpoint(new UnsubscribeService(_harness.Tokens, _harness.Unsubscribes, _harness.Time, NullLogger<UnsubscribeService>.Instance)));

    private async Task<FakeHttpResponse> CallAsync(string method, Uri link, string body = "") =>
        (FakeHttpResponse)await Function().RunAsync(new FakeHttpRequest(method, link, body), CancellationToken.None);

    private Task<bool> UnsubscribedAsync() => _harness.Unsubscribes.ContainsAsync("sam@example.com", CancellationToken.None);

    [Fact]
    public async Task Get_ValidLink_ShowsAConfirmationFormAndChangesNothing()
    {
        var link = _harness.Tokens.LinkFor("sam@example.com")!;

        var response = await CallAsync("GET", link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("sam@example.com", response.Text, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\"", response.Text, StringComparison.Ordinal);
        Assert.Contains("name=\"List-Unsubscribe\" value=\"One-Click\"", response.Text, StringComparison.Ordinal);
        Assert.False(await UnsubscribedAsync());
    }

    [Fact]
    public async Task Post_OneClick_UnsubscribesTheAddressAndDigestsStop()
    {
        var link = _harness.Tokens.LinkFor("sam@example.com")!;
        await _harness.AddAlertAsync("sam", new ArticleBuilder().WithId("a1").Build());

        var response = await CallAsync("POST", link, "List-Unsubscribe=One-Click");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("will get no more NewsAlerts digests", response.Text, StringComparison.Ordinal);
        Assert.True(await UnsubscribedAsync());
        var outcome = await _harness.Delivery.SendAsync(Core.Digests.DigestKey.Scheduled("sam", Core.Digests.ScheduleKind.Daily, _harness.Time.GetUtcNow()), CancellationToken.None);
        Assert.False(outcome.SentNow);
    }

    [Fact]
    public async Task Post_FormFromTheConfirmationPage_Unsubscribes()
    {
        var token = _harness.Tokens.Create("sam@example.com");

        var response = await CallAsync("POST", new Uri("https://alerts.example.com/api/unsubscribe"), $"List-Unsubscribe=One-Click&token={Uri.EscapeDataString(token)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await UnsubscribedAsync());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task ForgedToken_IsRefusedAndChangesNothing(string method)
    {
        var genuine = _harness.Tokens.Create("sam@example.com");
        var forgedPayload = Convert.ToBase64String("1\nsam@example.com\n9999999999"u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var forged = forgedPayload + genuine[genuine.IndexOf('.', StringComparison.Ordinal)..];

        var response = await CallAsync(method, new Uri($"https://alerts.example.com/api/unsubscribe?token={Uri.EscapeDataString(forged)}"), "List-Unsubscribe=One-Click");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid", response.Text, StringComparison.Ordinal);
        Assert.False(await UnsubscribedAsync());
    }

    [Fact]
    public async Task Post_ExpiredLink_IsRefusedWithGone()
    {
        var link = _harness.Tokens.LinkFor("sam@example.com")!;
        _harness.Time.Advance(TimeSpan.FromDays(181));

        var response = await CallAsync("POST", link, "List-Unsubscribe=One-Click");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.False(await UnsubscribedAsync());
    }

    [Fact]
    public async Task Get_HostileAddressInToken_IsHtmlEscaped()
    {
        var link = _harness.Tokens.LinkFor("\"><script>alert(1)</script>@example.com")!;

        var response = await CallAsync("GET", link);

        Assert.DoesNotContain("<script>", response.Text, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_ListsTheAnonymousUnsubscribeHttpTriggerForGetAndPost()
    {
        var configuration = typeof(UnsubscribeFunctionTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var path = Path.Combine(RepoPaths.Root, "src", "NewsAlerts.Functions", "bin", configuration, "net10.0", "functions.metadata");
        using var metadata = JsonDocument.Parse(File.ReadAllText(path));

        var trigger = metadata.RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == "Unsubscribe").GetProperty("bindings")[0];

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("unsubscribe", trigger.GetProperty("route").GetString());
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal(["get", "post"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
    }
}
