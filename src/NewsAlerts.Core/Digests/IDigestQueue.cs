using System.Text.Json;

namespace NewsAlerts.Core.Digests;

/// <summary>Hands due digests to the stage that sends them, one message per digest (a Storage queue in Azure).</summary>
public interface IDigestQueue
{
    Task EnqueueAsync(IReadOnlyList<DigestKey> digests, CancellationToken cancellationToken);
}

/// <summary>The queue message of a digest or urgent alert: its key as small JSON, far below the 64 KB limit.</summary>
public static class DigestMessage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(DigestKey key) => JsonSerializer.Serialize(key, Json);

    /// <summary>Reads a message; one that is not a digest key throws <see cref="FormatException"/>, so it ends in the poison queue.</summary>
    public static DigestKey Parse(string message)
    {
        try
        {
            var key = JsonSerializer.Deserialize<DigestKey>(message, Json);
            return key is { SubscriberId.Length: > 0, Period.Length: > 0 }
                ? key
                : throw new FormatException("A digest message needs a subscriberId and a period");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Not a digest message: {ex.Message}", ex);
        }
    }
}
