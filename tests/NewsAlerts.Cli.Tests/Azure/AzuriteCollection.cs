using NewsAlerts.TestSupport.Azure;

namespace NewsAlerts.Cli.Tests.Azure;

[CollectionDefinition(AzuriteFixture.Collection)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
