using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsAlerts.Infrastructure.Channels;

/// <summary>How channel messages are serialised: web casing, enums as camelCase names, compact.</summary>
public static class ChannelJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        // The bodies are JSON for machines, never embedded in HTML: non-ASCII text stays readable (and smaller).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
