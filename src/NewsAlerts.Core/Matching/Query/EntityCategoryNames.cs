namespace NewsAlerts.Core.Matching.Query;

/// <summary>Entity categories a query may name, as Azure AI Language names them, and the offline tagger's <c>Misc</c>.</summary>
internal static class EntityCategoryNames
{
    public static readonly string[] All =
    [
        "Person", "PersonType", "Location", "Organization", "Event", "Product", "Skill", "Address", "PhoneNumber",
        "Email", "URL", "IP", "DateTime", "Quantity", "Misc",
    ];

    public static bool TryNormalize(string category, out string known)
    {
        known = All.FirstOrDefault(c => string.Equals(c, category, StringComparison.OrdinalIgnoreCase)) ?? "";
        return known.Length > 0;
    }
}
