namespace NewsAlerts.Functions.Tests;

public sealed class ApplicationInsightsAuthenticationTests
{
    [Theory]
    [InlineData("ClientId=1234-abcd;Authorization=AAD", true, "1234-abcd")]
    [InlineData("Authorization=aad", true, null)]
    [InlineData(" Authorization = AAD ; ClientId = x ", true, "x")]
    [InlineData("", false, null)]
    [InlineData(null, false, null)]
    [InlineData("Authorization=Key", false, null)]
    public void Parse_ReadsAuthorizationAndClientId(string? setting, bool entra, string? clientId)
    {
        var parsed = ApplicationInsightsAuthentication.Parse(setting);

        Assert.Equal(entra, parsed.UsesEntraId);
        Assert.Equal(clientId, parsed.ClientId);
    }
}
