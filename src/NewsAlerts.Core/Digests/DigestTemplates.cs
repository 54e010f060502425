using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Microsoft.Extensions.Options;
using NewsAlerts.Core.Delivery;

namespace NewsAlerts.Core.Digests;

/// <summary>
/// The Liquid templates of the digest email (HTML and plain text), built in or overridden by files in
/// <see cref="DeliveryOptions.TemplatesPath"/>. In the HTML template every <c>{{ value }}</c> is HTML-escaped.
/// </summary>
public sealed class DigestTemplates
{
    public const string HtmlFile = "digest.html.liquid";

    public const string TextFile = "digest.txt.liquid";

    private static readonly FluidParser Parser = new();

    // Escapes markup characters but leaves letters of every script readable in the source.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly TemplateOptions Options = CreateOptions();

    private readonly IFluidTemplate _html;
    private readonly IFluidTemplate _text;

    private DigestTemplates(IFluidTemplate html, IFluidTemplate text, string htmlSource, string textSource)
    {
        _html = html;
        _text = text;
        HtmlSource = htmlSource;
        TextSource = textSource;
    }

    /// <summary>The built-in templates.</summary>
    public static DigestTemplates Default { get; } = Load(null);

    /// <summary>Where the HTML template came from: a file path, or <c>built-in</c>.</summary>
    public string HtmlSource { get; }

    public string TextSource { get; }

    /// <summary>Reads the templates; a file that does not parse fails here, naming the file and the position.</summary>
    public static DigestTemplates Load(string? folder)
    {
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            throw Invalid($"TemplatesPath: folder '{folder}' does not exist");
        }

        var (html, htmlSource) = Parse(folder, HtmlFile);
        var (text, textSource) = Parse(folder, TextFile);
        return new DigestTemplates(html, text, htmlSource, textSource);
    }

    public (string Html, string Text) Render(DigestView view)
    {
        var context = new TemplateContext(Options);
        context.SetValue("digest", view);
        var html = _html.Render(context, Html);
        var text = _text.Render(context, NullEncoder.Default);
        return (html, text.Trim() + "\n");
    }

    private static (IFluidTemplate Template, string Source) Parse(string? folder, string name)
    {
        var path = string.IsNullOrEmpty(folder) ? null : Path.Combine(folder, name);
        string source;
        string origin;
        if (path is not null && File.Exists(path))
        {
            source = File.ReadAllText(path);
            origin = path;
        }
        else
        {
            using var stream = typeof(DigestTemplates).Assembly.GetManifestResourceStream($"NewsAlerts.Templates.{name}")
                ?? throw new InvalidOperationException($"built-in template {name} is missing from the assembly");
            using var reader = new StreamReader(stream);
            source = reader.ReadToEnd();
            origin = "built-in";
        }

        if (!Parser.TryParse(source, out var template, out var error))
        {
            throw Invalid($"TemplatesPath: {origin}: {error}");
        }

        return (template, origin == "built-in" ? $"built-in {name}" : origin);
    }

    private static OptionsValidationException Invalid(string message) =>
        new(DeliveryOptions.SectionName, typeof(DeliveryOptions), [message]);

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions();
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        options.MemberAccessStrategy.Register<DigestView>();
        options.MemberAccessStrategy.Register<SectionView>();
        options.MemberAccessStrategy.Register<StoryView>();
        return options;
    }
}
