using System.Net;
using System.Net.Sockets;

namespace NewsAlerts.Core.Ingestion.Http;

/// <summary>The SSRF rule: which IP addresses a feed may be fetched from without <c>allowPrivateNetwork</c>.</summary>
public static class NetworkAddressPolicy
{
    /// <summary>
    /// False for loopback, private (RFC 1918, IPv6 unique-local), link-local (including cloud metadata at
    /// 169.254.169.254), carrier-grade NAT, unspecified, multicast and reserved addresses; IPv4-mapped IPv6 addresses are
    /// judged as the IPv4 address they carry.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0 // "this network"
        || b[0] == 10
        || b[0] == 127
        || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
        || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata
        || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
        || (b[0] == 192 && b[1] == 168)
        || (b[0] == 192 && b[1] == 0 && b[2] == 0) // IETF protocol assignments
        || (b[0] == 198 && (b[1] == 18 || b[1] == 19)) // benchmarking
        || b[0] >= 224); // multicast, reserved, broadcast

    private static bool IsPublicV6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return !(IPAddress.IsLoopback(address)
            || address.Equals(IPAddress.IPv6None)
            || address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal
            || address.IsIPv6Multicast
            || (b[0] & 0xFE) == 0xFC); // unique local fc00::/7
    }
}
