using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NewsAlerts.Core.Digests;
using NewsAlerts.Infrastructure.Channels;
using NewsAlerts.TestSupport;
using NewsAlerts.TestSupport.Digests;

namespace NewsAlerts.Infrastructure.Tests.Channels;

/// <summary>
/// The Slack message, Teams card and webhook request shown in docs/delivery.md are what the code makes of the seed
/// digest. After changing a message, regenerate them: <c>NEWSALERTS_UPDATE_DOCS=1 dotnet test --filter DeliveryDocs</c>.
/// </summary>
public sealed partial class DeliveryDocsTests
{
    /// <summary>The secret of the docs' verification example (the Standard Webhooks test secret; never use it for real).</summary>
    public const string ExampleSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static readonly string DocPath = Path.Combine(RepoPaths.Root, "docs", "delivery.md");

    private static readonly JsonSerializerOptions Pretty = new(ChannelJson.Options) { WriteIndented = true };

    [Fact]
    public async Task RenderedExamples_InDocsDelivery_AreWhatTheCodeMakesOfTheSeedDigest()
    {
        var examples = Examples(await SeedDigest.ViewAsync());
        var doc = await File.ReadAllTextAsync(DocPath);
        if (Environment.GetEnvironmentVariable("NEWSALERTS_UPDATE_DOCS") == "1")
        {
            doc = examples.Aggregate(doc, (text, example) => Block(example.Key).Replace(text, m => m.Groups["head"].Value + example.Value + "\n```"));
            await File.WriteAllTextAsync(DocPath, doc);
        }

        foreach (var (name, expected) in examples)
        {
            var match = Block(name).Match(doc);
            Assert.True(match.Success, $"docs/delivery.md has no block after <!-- rendered: {name} -->");
            Assert.True(Normalize(match.Groups["body"].Value) == Normalize(expected), $"docs/delivery.md's {name} example is out of date: NEWSALERTS_UPDATE_DOCS=1 dotnet test --filter DeliveryDocs");
        }
    }

    /// <summary>Each example by its marker name: the three bodies as indented JSON, and the signed webhook request's headers.</summary>
    private static Dictionary<string, string> Examples(DigestView digest)
    {
        var body = WebhookPayload.Serialize(digest);
        WebhookSignature.TryParseSecret(ExampleSecret, out var key, out _);
        var id = "msg_" + digest.Key.DigestId;
        var timestamp = digest.CreatedAt.ToUnixTimeSeconds();
        return new Dictionary<string, string>
        {
            ["slack"] = JsonSerializer.Serialize(SlackMessage.Build(digest), Pretty),
            ["teams"] = JsonSerializer.Serialize(TeamsMessage.Build(digest), Pretty),
            ["webhook-headers"] = $"""
                POST /hooks/newsalerts HTTP/1.1
                content-type: application/json; charset=utf-8
                webhook-id: {id}
                webhook-timestamp: {timestamp}
                webhook-signature: {WebhookSignature.Sign(key, id, timestamp, body)}
                """,
            ["webhook"] = JsonSerializer.Serialize(JsonNode.Parse(body), Pretty),
        };
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    /// <summary>The fenced block right after <c>&lt;!-- rendered: name --&gt;</c>; its body may be empty.</summary>
    private static Regex Block(string name) => new($"(?<head><!-- rendered: {Regex.Escape(name)} -->\\s*```[a-z]*\\n)(?<body>.*?)```", RegexOptions.Singleline);
}
