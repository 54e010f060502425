using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace NewsAlerts.Infrastructure.AzureStorage;

/// <summary>
/// Clients of the one storage account, from the same setting the Functions host uses: a connection string in
/// <c>AzureWebJobsStorage</c> (<c>UseDevelopmentStorage=true</c>, Azurite in tests), or in Azure the identity-based
/// <c>AzureWebJobsStorage__blobServiceUri</c>/<c>__queueServiceUri</c>/<c>__tableServiceUri</c> with the
/// user-assigned identity named by <c>AzureWebJobsStorage__clientId</c>. No account key ever reaches app settings.
/// </summary>
public sealed class StorageClients
{
    private readonly string? _connectionString;
    private readonly TokenCredential? _credential;
    private readonly Uri? _blobUri;
    private readonly Uri? _queueUri;
    private readonly Uri? _tableUri;

    private StorageClients(string? connectionString, TokenCredential? credential, Uri? blobUri, Uri? queueUri, Uri? tableUri)
    {
        _connectionString = connectionString;
        _credential = credential;
        _blobUri = blobUri;
        _queueUri = queueUri;
        _tableUri = tableUri;
    }

    /// <summary>Clients for a connection string: <c>UseDevelopmentStorage=true</c> or an Azurite endpoint list.</summary>
    public static StorageClients ForConnectionString(string connectionString) => new(connectionString, null, null, null, null);

    /// <summary>Clients of the account <paramref name="accountName"/> in the Azure public cloud, signed in with <paramref name="credential"/>.</summary>
    public static StorageClients ForAccount(string accountName, TokenCredential credential) =>
        new(null, credential, ServiceUri(accountName, "blob"), ServiceUri(accountName, "queue"), ServiceUri(accountName, "table"));

    /// <summary>Clients from <c>AzureWebJobsStorage</c>: a connection string, else its identity-based <c>__*ServiceUri</c> settings.</summary>
    public static StorageClients FromConfiguration(IConfiguration configuration)
    {
        var connectionString = configuration[AppSettings.Storage];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return ForConnectionString(connectionString);
        }

        var section = configuration.GetSection(AppSettings.Storage);
        return new StorageClients(
            null,
            AzureCredentials.Create(section["clientId"]),
            Required(section, "blobServiceUri"),
            Required(section, "queueServiceUri"),
            Required(section, "tableServiceUri"));
    }

    /// <summary>Producers encode Base64, which is what the queue trigger expects.</summary>
    public QueueClient Queue(string name)
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        return _connectionString is not null
            ? new QueueClient(_connectionString, name, options)
            : new QueueClient(new Uri(_queueUri!, name), _credential!, options);
    }

    public QueueServiceClient QueueService() =>
        _connectionString is not null
            ? new QueueServiceClient(_connectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 })
            : new QueueServiceClient(_queueUri!, _credential!, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public TableClient Table(string name) =>
        _connectionString is not null ? new TableClient(_connectionString, name) : new TableClient(_tableUri!, name, _credential!);

    public BlobContainerClient Container(string name) =>
        _connectionString is not null ? new BlobContainerClient(_connectionString, name) : new BlobContainerClient(new Uri(_blobUri!, name), _credential!);

    private static Uri ServiceUri(string accountName, string service) => new($"https://{accountName}.{service}.core.windows.net/");

    private static Uri Required(IConfigurationSection section, string key)
    {
        var value = section[key];
        return Uri.TryCreate(value, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException(
                $"Setting {AppSettings.Storage} (a connection string) or {AppSettings.Storage}__{key} (a service URI) is required when NewsAlerts:Storage is Azure");
    }
}

/// <summary>The one credential for Storage, Language and Key Vault: the user-assigned identity when its client id is set.</summary>
public static class AzureCredentials
{
    public static TokenCredential Create(string? managedIdentityClientId) =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(managedIdentityClientId) ? null : managedIdentityClientId,
        });
}
