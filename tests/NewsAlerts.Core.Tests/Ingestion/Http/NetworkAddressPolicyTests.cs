using System.Net;
using NewsAlerts.Core.Ingestion.Http;

namespace NewsAlerts.Core.Tests.Ingestion.Http;

public sealed class NetworkAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("2606:4700::1111", true)]
    [InlineData("::ffff:93.184.216.34", true)]
    public void IsPublic_SeparatesPublicFromLoopbackPrivateAndLinkLocal(string address, bool expected)
    {
        Assert.Equal(expected, NetworkAddressPolicy.IsPublic(IPAddress.Parse(address)));
    }
}
