using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsAlerts.Infrastructure.Sqlite;

/// <summary>How stored documents are serialised: web casing, enums as names so the data stays readable.</summary>
internal static class StoreJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
