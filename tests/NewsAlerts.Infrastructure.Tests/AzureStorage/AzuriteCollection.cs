using NewsAlerts.TestSupport.Azure;

namespace NewsAlerts.Infrastructure.Tests.AzureStorage;

[CollectionDefinition(AzuriteFixture.Collection)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
