using System.Text;
using System.Text.Json;
using Json.Schema;
using NewsAlerts.Core.Configuration;

namespace NewsAlerts.Core.Tests.Configuration;

/// <summary>Channels in the config: the loader and the JSON Schema accept the same shapes and refuse secrets in the file.</summary>
public sealed class ConfigChannelTests
{
    // One instance per schema $id: the validator library refuses to register two.
    private static readonly JsonSchema Schema = ConfigSchemaTests.Schema;

    private const string Valid = """
        {
          "sources": [ { "id": "a", "url": "https://example.com/feed.xml" } ],
          "watchlists": [ { "id": "w", "name": "W", "query": "x" } ],
          "channels": [
            { "id": "ops-slack", "type": "slack", "urlSetting": "SLACK_OPS_URL" },
            { "id": "desk-teams", "type": "teams", "urlSetting": "TEAMS_DESK_URL" },
            { "id": "crm", "type": "webhook", "urlSetting": "CRM_HOOK_URL", "secretSetting": "CRM_HOOK_SECRET", "allowPrivateNetwork": true }
          ],
          "subscribers": [
            { "id": "ops", "channels": [ "ops-slack" ], "schedule": "instant", "watchlists": [ "w" ] },
            { "id": "sam", "email": "sam@example.com", "channels": [ "desk-teams", "crm" ], "watchlists": [ "w" ] }
          ]
        }
        """;

    private static NewsAlertsConfig Parse(string json) => ConfigLoader.Parse(Encoding.UTF8.GetBytes(json), "c.json", ".");

    private static ConfigError Refused(string json, string field) =>
        Assert.Single(Assert.Throws<ConfigException>(() => Parse(json)).Errors, e => e.Field == field);

    private static bool SchemaAccepts(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Schema.Evaluate(document.RootElement).IsValid;
    }

    [Fact]
    public void ChannelsAndChannelOnlySubscribers_AreAcceptedByTheLoaderAndTheSchema()
    {
        var config = Parse(Valid);

        Assert.True(SchemaAccepts(Valid));
        Assert.Equal([ChannelType.Slack, ChannelType.Teams, ChannelType.Webhook], config.Channels.Select(c => c.Kind));
        Assert.Equal(("CRM_HOOK_URL", "CRM_HOOK_SECRET", true), (config.Channels[2].UrlSetting, config.Channels[2].SecretSetting, config.Channels[2].AllowPrivateNetwork));
        var ops = config.FindSubscriber("ops")!;
        Assert.False(ops.HasEmail);
        Assert.Equal("ops", ops.DisplayName);
        Assert.Equal(["desk-teams", "crm"], config.FindSubscriber("sam")!.Channels);
    }

    [Fact]
    public void SubscriberWithNeitherEmailNorChannel_IsRefusedNamingFileLineAndField()
    {
        var json = Valid.Replace("""{ "id": "ops", "channels": [ "ops-slack" ],""", """{ "id": "ops",""", StringComparison.Ordinal);

        var error = Refused(json, "subscribers[0]");

        Assert.Equal("c.json:10: subscribers[0]: subscriber 'ops' needs an email or at least one channel", error.ToString());
        Assert.False(SchemaAccepts(json));
    }

    [Fact]
    public void UnknownChannel_IsRefused()
    {
        var error = Refused(Valid.Replace("""[ "ops-slack" ]""", """[ "ops-slak" ]""", StringComparison.Ordinal), "subscribers[0].channels[0]");

        Assert.Equal("subscriber 'ops' names unknown channel 'ops-slak'", error.Message);
        Assert.Equal(10, error.Line);
    }

    [Theory]
    [InlineData("\"type\": \"slack\"", "\"type\": \"discord\"", "channels[0].type", "channel 'ops-slack' has type 'discord': use slack, teams or webhook")]
    [InlineData("\"urlSetting\": \"SLACK_OPS_URL\"", "\"urlSetting\": \"https://hooks.slack.com/services/T0/B0/XYZ\"", "channels[0].urlSetting", "this looks like the URL itself")]
    [InlineData("\"urlSetting\": \"SLACK_OPS_URL\"", "\"urlSetting\": \"SLACK OPS\"", "channels[0].urlSetting", "'SLACK OPS' is not a setting name")]
    [InlineData(", \"secretSetting\": \"CRM_HOOK_SECRET\"", "", "channels[2].secretSetting", "webhook channel 'crm' needs secretSetting")]
    [InlineData("\"secretSetting\": \"CRM_HOOK_SECRET\"", "\"secretSetting\": \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"", "channels[2].secretSetting", "this looks like the secret itself")]
    [InlineData("\"urlSetting\": \"TEAMS_DESK_URL\"", "\"urlSetting\": \"TEAMS_DESK_URL\", \"secretSetting\": \"X\"", "channels[1].secretSetting", "only webhook channels are signed")]
    public void BadChannel_IsRefusedByTheLoaderAndTheSchema(string from, string to, string field, string message)
    {
        var json = Valid.Replace(from, to, StringComparison.Ordinal);

        Assert.Contains(message, Refused(json, field).Message, StringComparison.Ordinal);
        Assert.False(SchemaAccepts(json));
    }

    [Fact]
    public void UrlInTheConfig_IsRefusedWithAHintToUseASetting()
    {
        var json = Valid.Replace("\"urlSetting\": \"SLACK_OPS_URL\"", "\"url\": \"https://hooks.slack.com/services/T0/B0/XYZ\"", StringComparison.Ordinal);

        var error = Assert.Single(Assert.Throws<ConfigException>(() => Parse(json)).Errors);

        Assert.Equal(5, error.Line);
        Assert.Contains("unknown field 'url': a channel's url is a secret; put it in an environment variable or app setting and name that with urlSetting", error.Message, StringComparison.Ordinal);
        Assert.False(SchemaAccepts(json));
    }
}
