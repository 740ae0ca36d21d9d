using System.Net;
using System.Net.Sockets;
using Scanner.Application.Subscribers;

namespace Scanner.Messaging.Subscribers;

/// <summary>
/// Which subscriber URLs and addresses deliveries may reach. Unless private networks are allowed, a URL must be https
/// and every address it connects to must be public: no loopback, link-local (cloud metadata), private, shared (CGNAT),
/// unique-local, multicast or unspecified address. Addresses are checked when the connection is made
/// (<see cref="ConnectAsync"/>), so a host name that resolves differently later (DNS rebinding) cannot slip through.
/// </summary>
public sealed class SubscriberAddressPolicy : ISubscriberUrlPolicy
{
    public SubscriberAddressPolicy(bool allowPrivateNetworks)
    {
        AllowPrivateNetworks = allowPrivateNetworks;
    }

    public bool AllowPrivateNetworks { get; }

    public string? Refusal(Uri url)
    {
        try
        {
            CheckUrl(url);
            return null;
        }
        catch (SubscriberAddressRefusedException refused)
        {
            return refused.Message;
        }
    }

    /// <summary>Throws <see cref="SubscriberAddressRefusedException"/> when the URL itself is not acceptable (scheme, literal address).</summary>
    public void CheckUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new SubscriberAddressRefusedException($"A subscriber URL must be an absolute https URL, not '{Describe(url)}'.");
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            throw new SubscriberAddressRefusedException("A subscriber URL must not carry user information; sign with the subscriber secret instead.");
        }

        if (AllowPrivateNetworks)
        {
            return;
        }

        if (url.Scheme != Uri.UriSchemeHttps)
        {
            throw new SubscriberAddressRefusedException($"A subscriber URL must use https, not '{Describe(url)}'.");
        }

        if (IPAddress.TryParse(url.IdnHost, out var literal) && !IsPublic(literal))
        {
            throw new SubscriberAddressRefusedException(
                $"Subscriber address {literal} of '{Describe(url)}' is not a public address (loopback, link-local or private networks are refused).");
        }
    }

    /// <summary>True for an address on the public internet.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return !(b[0] == 0                                   // "this network", 0.0.0.0
                || b[0] == 10                                    // private
                || b[0] == 127                                   // loopback
                || (b[0] == 100 && (b[1] & 0xC0) == 64)          // shared address space (carrier-grade NAT)
                || (b[0] == 169 && b[1] == 254)                  // link-local, cloud metadata endpoints
                || (b[0] == 172 && (b[1] & 0xF0) == 16)          // private
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)       // IETF protocol assignments
                || (b[0] == 192 && b[1] == 168)                  // private
                || (b[0] == 198 && (b[1] & 0xFE) == 18)          // benchmarking
                || b[0] >= 224);                                 // multicast, reserved, broadcast
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            return !(address.Equals(IPAddress.IPv6Any)
                || address.Equals(IPAddress.IPv6Loopback)
                || address.IsIPv6LinkLocal
                || address.IsIPv6SiteLocal
                || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC                         // unique-local fc00::/7
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) // NAT64 can reach private IPv4
                || (b[0] == 0x20 && b[1] == 0x02)                // 6to4 embeds an IPv4 address
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8)); // documentation
        }

        return false;
    }

    /// <summary>
    /// The <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host, keeps only acceptable addresses and
    /// connects to the first that answers. Throws <see cref="SubscriberAddressRefusedException"/> when none is acceptable.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endPoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken).ConfigureAwait(false);
        var allowed = AllowPrivateNetworks ? addresses : [.. addresses.Where(IsPublic)];
        if (allowed.Length == 0)
        {
            throw new SubscriberAddressRefusedException(
                $"Subscriber host '{endPoint.Host}' resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}: " +
                "not a public address (loopback, link-local and private networks are refused unless Scanner:Subscribers:AllowPrivateNetworks is true).");
        }

        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    // Query strings may carry tokens: show scheme, host and path only.
    private static string Describe(Uri url) => url.IsAbsoluteUri ? url.GetLeftPart(UriPartial.Path) : "(relative URL)";
}
