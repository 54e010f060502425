using System.Net;
using System.Net.Sockets;

namespace NewsAlerts.Core.Ingestion.Http;

/// <summary>
/// The SSRF guard for every outgoing request whose URL comes from configuration (feeds, Slack, Teams, webhooks): a
/// handler that connects only to addresses <see cref="NetworkAddressPolicy"/> allows, unless the source or channel
/// has <c>allowPrivateNetwork</c>. The check runs on the addresses actually connected to, so redirects and DNS
/// rebinding are covered.
/// </summary>
public static class SsrfGuard
{
    /// <summary>A handler with the guard; <paramref name="owner"/> (<c>source</c>, <c>channel</c>) names what to set allowPrivateNetwork on.</summary>
    public static SocketsHttpHandler CreateHandler(bool allowPrivateNetwork, string owner) => new()
    {
        AllowAutoRedirect = false, // callers follow redirects themselves (FeedFetcher: only to http and https)
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivateNetwork, owner, cancellationToken),
    };

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivateNetwork, string owner, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endPoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        var allowed = allowPrivateNetwork ? addresses : Array.FindAll(addresses, NetworkAddressPolicy.IsPublic);
        if (allowed.Length == 0)
        {
            throw new PrivateAddressRefusedException(endPoint.Host, addresses, owner);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The SSRF guard refused a host: every address it resolves to is loopback, private or link-local.</summary>
public sealed class PrivateAddressRefusedException(string host, IReadOnlyList<IPAddress> addresses, string owner = "source")
    : Exception($"refused to connect to {host} ({(addresses.Count > 0 ? string.Join(", ", addresses) : "no address")}): not a public address; set allowPrivateNetwork on the {owner} to allow it");
