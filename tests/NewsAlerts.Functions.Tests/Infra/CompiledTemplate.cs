using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NewsAlerts.Functions.Tests.Infra;

/// <summary>The ARM JSON <c>bicep build</c> makes of main.bicep, read the way the checks need it.</summary>
internal sealed partial class CompiledTemplate(JsonObject root)
{
    public JsonObject Root { get; } = root;

    /// <summary>The Function App module's app settings, name to value (a literal, or an ARM expression in brackets).</summary>
    public IReadOnlyDictionary<string, string> AppSettings =>
        Module("functionApp")["properties"]!["parameters"]!["appSettings"]!["value"]!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());

    /// <summary>Queues the storage module creates.</summary>
    public IReadOnlyList<string> Queues =>
        Module("storage")["properties"]!["parameters"]!["queueNames"]!["value"]!.AsArray().Select(q => q!.GetValue<string>()).ToList();

    public IReadOnlyList<string> SecureParameters =>
        Root["parameters"]!.AsObject().Where(p => p.Value!["type"]!.GetValue<string>().Equals("securestring", StringComparison.OrdinalIgnoreCase)).Select(p => p.Key).ToList();

    /// <summary>Every way an app setting could leak a secret; empty when none does.</summary>
    public IReadOnlyList<string> SecretProblems()
    {
        var problems = new List<string>();
        foreach (var (name, value) in AppSettings)
        {
            var isExpression = value.StartsWith('[') && value.EndsWith(']');
            var isKeyVaultReference = value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal)
                || value.StartsWith("[format('@Microsoft.KeyVault(", StringComparison.Ordinal);
            if (LiteralSecret().IsMatch(value))
            {
                problems.Add($"{name} holds a key, SAS or password");
            }

            if (SecureParameters.Any(p => value.Contains($"parameters('{p}')", StringComparison.Ordinal)))
            {
                problems.Add($"{name} holds a @secure() parameter instead of a Key Vault reference");
            }

            if (SecretName().IsMatch(name) && !isKeyVaultReference && (!isExpression || value.Contains("parameters(", StringComparison.Ordinal)))
            {
                problems.Add($"{name} looks like a secret but is neither a Key Vault reference nor a resource's output");
            }
        }

        return problems;
    }

    private JsonObject Module(string name) =>
        Resources().Single(r => r["type"]!.GetValue<string>() == "Microsoft.Resources/deployments" && r["name"]!.GetValue<string>() == name);

    public IEnumerable<JsonObject> Resources() =>
        Root["resources"] is JsonArray array ? array.Select(r => r!.AsObject()) : Root["resources"]!.AsObject().Select(r => r.Value!.AsObject());

    [GeneratedRegex("AccountKey=|SharedAccessKey=|SharedAccessSignature=|[?&]sig=|Password=|InstrumentationKey=[0-9a-f-]{36}", RegexOptions.IgnoreCase)]
    private static partial Regex LiteralSecret();

    [GeneratedRegex("key|secret|password|token|connection_?string|sas", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
