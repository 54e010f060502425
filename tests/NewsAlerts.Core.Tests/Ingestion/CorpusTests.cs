using System.Text.Json;
using NewsAlerts.Core.Ingestion;
using NewsAlerts.Core.Ingestion.Parsing;
using NewsAlerts.TestSupport;

namespace NewsAlerts.Core.Tests.Ingestion;

/// <summary>
/// Every file of the corpus (Corpus/files, written by Corpus/generate.py for this suite) parses to the fields
/// Corpus/expected.json lists: format, feed title, item count, and the first item's title, link, id and date, plus the
/// warning a malformed file must raise.
/// </summary>
public sealed class CorpusTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "NewsAlerts.Core.Tests", "Ingestion", "Corpus");

    public sealed record Expected(
        string File,
        string Format,
        string Title,
        int Count,
        string? FirstTitle,
        string? FirstLink,
        string? FirstGuid,
        DateTimeOffset? FirstPublished,
        string? Warning,
        string? ContentType,
        string? Location)
    {
        public override string ToString() => File;
    }

    private static List<Expected> Load() =>
        JsonSerializer.Deserialize<List<Expected>>(File.ReadAllText(Path.Combine(Folder, "expected.json")), JsonSerializerOptions.Web)!;

    public static TheoryData<Expected> Files() => new(Load());

    [Fact]
    public void Corpus_HasAtLeastAHundredFiles_AndEveryFileIsListed()
    {
        var listed = Load().Select(e => e.File).ToHashSet();
        var onDisk = Directory.GetFiles(Path.Combine(Folder, "files")).Select(f => Path.GetFileName(f)).ToHashSet();

        Assert.True(listed.Count >= 100, $"only {listed.Count} corpus files");
        Assert.Equal(onDisk.Order(), listed.Order());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void CorpusFile_ParsesToTheExpectedFields(Expected expected)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, "files", expected.File));

        var feed = FeedParser.Parse(bytes, expected.ContentType, expected.Location is null ? null : new Uri(expected.Location));

        Assert.Equal(expected.Format, feed.Format);
        Assert.Equal(expected.Title, feed.Title);
        Assert.Equal(expected.Count, feed.Items.Count);
        if (expected.Count > 0)
        {
            var first = feed.Items[0];
            Assert.Equal(expected.FirstTitle, HtmlText.ToSingleLine(first.Title));
            Assert.Equal(expected.FirstLink, first.Link?.AbsoluteUri);
            Assert.Equal(expected.FirstGuid, first.Guid);
            Assert.Equal(expected.FirstPublished, first.PublishedAt);
        }

        if (expected.Warning is null)
        {
            Assert.Empty(feed.Warnings);
        }
        else
        {
            Assert.Contains(feed.Warnings, w => w.Contains(expected.Warning, StringComparison.Ordinal));
        }
    }
}
