using NewsAlerts.TestSupport.Azure;

namespace NewsAlerts.Functions.Tests.EndToEnd;

[CollectionDefinition(AzuriteFixture.Collection)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
