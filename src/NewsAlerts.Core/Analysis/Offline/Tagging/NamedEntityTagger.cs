using System.Reflection;

namespace NewsAlerts.Core.Analysis.Offline.Tagging;

/// <summary>
/// The trained entity tagger: tags a text sentence by sentence, then makes repeated names consistent. The shipped
/// model (embedded resource <c>ner.model</c>) is loaded once per process and shared; it is thread-safe.
/// </summary>
internal sealed class NamedEntityTagger
{
    private const string ResourceName = "NewsAlerts.Analysis.ner.model";

    private static readonly Lazy<NamedEntityTagger> ShippedModel = new(LoadShipped);

    private readonly int personType;

    public NamedEntityTagger(TaggerModel model)
    {
        Model = model;
        personType = model.Tags.Types.ToList().IndexOf("PER");
    }

    public static NamedEntityTagger Shipped => ShippedModel.Value;

    public TaggerModel Model { get; }

    public static NamedEntityTagger Load(string path)
    {
        using var file = File.OpenRead(path);
        return new NamedEntityTagger(TaggerModel.Load(file));
    }

    /// <summary>Entity spans as token ranges [Start, End) with the model's type name (<c>PER</c>, <c>ORG</c>...).</summary>
    public List<(int Start, int End, string Type)> Tag(TaggerInput input)
    {
        var labels = Model.Tag(input);
        DocumentConsistency.Apply(input, labels, personType);
        return TagSet.Spans(labels, 0, labels.Length).Select(s => (s.Start, s.End, Model.Tags.Types[s.Type])).ToList();
    }

    private static NamedEntityTagger LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from NewsAlerts.Core.");
        return new NamedEntityTagger(TaggerModel.Load(stream));
    }
}
