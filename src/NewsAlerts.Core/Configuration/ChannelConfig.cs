using System.Text.Json.Serialization;

namespace NewsAlerts.Core.Configuration;

/// <summary>The kinds of chat and system destinations a digest can go to besides email.</summary>
public enum ChannelType
{
    /// <summary>A Slack incoming webhook: a Block Kit message.</summary>
    Slack,

    /// <summary>A Microsoft Teams Workflows (Power Automate) webhook: a message carrying an Adaptive Card.</summary>
    Teams,

    /// <summary>Any HTTP endpoint: the digest as JSON, signed as the Standard Webhooks specification says.</summary>
    Webhook,
}

/// <summary>
/// A destination subscribers can name in <see cref="SubscriberConfig.Channels"/>. Its URL and signing secret are
/// secrets, so the config names the settings that hold them (environment variables or app settings; Key Vault
/// references in Azure), never the values.
/// </summary>
public sealed record ChannelConfig
{
    public string Id { get; init; } = "";

    /// <summary><c>slack</c>, <c>teams</c> or <c>webhook</c>; see <see cref="Kind"/>.</summary>
    public string Type { get; init; } = "";

    /// <summary>Name of the setting that holds the webhook URL, such as <c>SLACK_OPS_URL</c>.</summary>
    public string UrlSetting { get; init; } = "";

    /// <summary>Webhooks only: name of the setting that holds the signing secret (<c>whsec_</c> + base64).</summary>
    public string? SecretSetting { get; init; }

    /// <summary>Lets the URL reach loopback, private and link-local addresses, which the SSRF guard refuses otherwise.</summary>
    public bool AllowPrivateNetwork { get; init; }

    /// <summary>The parsed <see cref="Type"/>; the validator refuses a config whose type is none of the three.</summary>
    [JsonIgnore]
    public ChannelType Kind => TryParseType(Type, out var kind) ? kind : throw new InvalidOperationException($"channel '{Id}' has unknown type '{Type}'");

    public static bool TryParseType(string? text, out ChannelType kind) =>
        Enum.TryParse(text, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(text, out _);
}
