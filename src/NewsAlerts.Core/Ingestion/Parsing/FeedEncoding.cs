using System.Globalization;
using System.Text;

namespace NewsAlerts.Core.Ingestion.Parsing;

/// <summary>
/// Picks the character encoding of a feed and decodes it. The evidence, in order of trust: the HTTP
/// <c>Content-Type</c> charset, then a byte-order mark, then the XML declaration; when two of them disagree the first
/// wins and a warning names both. Every charset .NET decodes with the code-pages provider is read (Big5, EUC-KR,
/// GB2312/GBK, GB18030, Shift_JIS, EUC-JP, ISO-8859-x, windows-125x, KOI8-R/U...), with the labels browsers use for
/// their supersets (Latin-1 and US-ASCII read as windows-1252, EUC-KR as windows-949). A document that claims UTF-8
/// but is not valid UTF-8 is read as windows-1252, which is what such documents almost always are.
/// </summary>
internal static class FeedEncoding
{
    static FeedEncoding()
    {
        // An explicit static constructor registers the provider before any member runs (a field initializer alone runs
        // only at first field access, which left Big5 and the others unknown when no field had been touched yet).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252);
    }

    public static Encoding Windows1252 { get; }

    public static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> Utf16LeBom => [0xFF, 0xFE];

    private static ReadOnlySpan<byte> Utf16BeBom => [0xFE, 0xFF];

    /// <summary>Decodes <paramref name="data"/>; notes in <paramref name="warnings"/> an unknown, contradicted or wrong declaration.</summary>
    public static string Decode(ReadOnlySpan<byte> data, string? contentType, List<string> warnings)
    {
        var (bom, bomLength) = ByteOrderMark(data);
        var body = data[bomLength..];
        var layout = bom ?? ZeroByteLayout(body);
        var http = Evidence("the HTTP charset", Charset(contentType), warnings);
        var declaration = Evidence("the XML declaration", DeclaredEncoding(body, layout), warnings);
        var bomEvidence = bom is null ? null : new Label("the byte-order mark", bom.WebName, bom);
        Label[] found = [.. new[] { http, bomEvidence, declaration }.OfType<Label>()];
        if (found.Length == 0)
        {
            return layout is not null ? layout.GetString(body) : DecodeUtf8OrFallback(body, warnings);
        }

        var chosen = found[0];
        if (IsUtf16(chosen.Encoding) && layout is not null && IsUtf16(layout))
        {
            chosen = chosen with { Encoding = layout }; // "utf-16" names no byte order: the bytes show it
        }

        foreach (var other in found.Skip(1).Where(o => !Agree(chosen.Encoding, o.Encoding)))
        {
            warnings.Add($"{chosen.Source} says '{chosen.Name}' but {other.Source} says '{other.Name}'; read as {chosen.Name}");
        }

        return chosen.Encoding.CodePage == Encoding.UTF8.CodePage ? DecodeUtf8OrFallback(body, warnings) : chosen.Encoding.GetString(body);
    }

    /// <summary>The encoding a label names, with the supersets browsers use in place of the narrower legacy sets; null if unknown.</summary>
    public static Encoding? Lookup(string label)
    {
        var name = label.Trim().ToLowerInvariant();
        switch (name)
        {
            case "utf8" or "unicode-1-1-utf-8":
                return Encoding.UTF8;
            case "iso-8859-1" or "iso8859-1" or "latin1" or "l1" or "us-ascii" or "ascii":
                return Windows1252;
            case "euc-kr" or "ks_c_5601-1987" or "windows-949" or "x-windows-949":
                return Encoding.GetEncoding(949);
            case "iso-8859-9" or "latin5":
                return Encoding.GetEncoding(1254);
            case "windows-31j" or "x-ms-cp932":
                return Encoding.GetEncoding(932);
            case "x-mac-roman" or "mac":
                return Encoding.GetEncoding(10000);
        }

        // cp1251, win-1251, windows1251, ms932 ...: a code page number under another prefix.
        foreach (var prefix in (string[])["windows-", "windows", "win-", "win", "cp-", "cp", "ms", "ibm"])
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var codePage))
            {
                return TryGet(() => Encoding.GetEncoding(codePage));
            }
        }

        return TryGet(() => Encoding.GetEncoding(name));
    }

    private static Encoding? TryGet(Func<Encoding> get)
    {
        try
        {
            var encoding = get();
            return encoding.CodePage == 65000 ? null : encoding; // UTF-7 is refused: it hides markup in plain letters
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private sealed record Label(string Source, string Name, Encoding Encoding);

    private static Label? Evidence(string source, string? name, List<string> warnings)
    {
        if (name is null)
        {
            return null;
        }

        if (Lookup(name) is { } encoding)
        {
            return new Label(source, name, encoding);
        }

        warnings.Add($"unknown encoding '{name}' in {source}; ignored");
        return null;
    }

    /// <summary>Two labels agree when they name the same code page, or one is "utf-16" and the other a UTF-16 byte order.</summary>
    private static bool Agree(Encoding a, Encoding b) =>
        a.CodePage == b.CodePage || (IsUtf16(a) && IsUtf16(b));

    private static bool IsUtf16(Encoding encoding) => encoding.CodePage is 1200 or 1201;

    private static (Encoding? Encoding, int Length) ByteOrderMark(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(Utf8Bom))
        {
            return (Encoding.UTF8, 3);
        }

        if (data.StartsWith(Utf16LeBom))
        {
            return (Encoding.Unicode, 2);
        }

        return data.StartsWith(Utf16BeBom) ? (Encoding.BigEndianUnicode, 2) : (null, 0);
    }

    /// <summary>UTF-16 without a BOM shows as '&lt;' next to a zero byte.</summary>
    private static Encoding? ZeroByteLayout(ReadOnlySpan<byte> data)
    {
        if (data.Length > 1 && data[0] == (byte)'<' && data[1] == 0)
        {
            return Encoding.Unicode;
        }

        return data.Length > 1 && data[0] == 0 && data[1] == (byte)'<' ? Encoding.BigEndianUnicode : null;
    }

    private static string DecodeUtf8OrFallback(ReadOnlySpan<byte> data, List<string> warnings)
    {
        if (System.Text.Unicode.Utf8.IsValid(data))
        {
            return Encoding.UTF8.GetString(data);
        }

        warnings.Add("the document is not valid UTF-8; read as windows-1252");
        return Windows1252.GetString(data);
    }

    private static string? Charset(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        var at = contentType.IndexOf("charset=", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : contentType[(at + 8)..].Split(';')[0].Trim().Trim('"', '\'') is { Length: > 0 } name ? name : null;
    }

    /// <summary>The <c>encoding="..."</c> of the XML declaration, read in the byte layout the BOM (or zero bytes) show, else as ASCII.</summary>
    private static string? DeclaredEncoding(ReadOnlySpan<byte> data, Encoding? layout)
    {
        var head = (layout is { } wide && IsUtf16(wide) ? wide : Encoding.ASCII).GetString(data[..Math.Min(data.Length, 400)]);
        head = head.TrimStart();
        if (!head.StartsWith("<?xml", StringComparison.Ordinal))
        {
            return null;
        }

        var end = head.IndexOf("?>", StringComparison.Ordinal);
        var at = head.IndexOf("encoding", StringComparison.Ordinal);
        if (at < 0 || (end >= 0 && at > end))
        {
            return null;
        }

        var quote = head.IndexOfAny(['"', '\''], at);
        var close = quote < 0 ? -1 : head.IndexOf(head[quote], quote + 1);
        return close > quote ? head[(quote + 1)..close] : null;
    }
}
