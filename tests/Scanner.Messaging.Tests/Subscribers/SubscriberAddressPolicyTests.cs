using System.Net;
using Scanner.Application.Subscribers;
using Scanner.Messaging.Subscribers;

namespace Scanner.Messaging.Tests.Subscribers;

public sealed class SubscriberAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.1.2.3")]
    [InlineData("169.254.169.254")]
    [InlineData("10.0.0.5")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("fc12:3456::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("ff02::1")]
    public void Non_public_addresses_are_refused(string address)
    {
        Assert.False(SubscriberAddressPolicy.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("20.50.2.1")]
    [InlineData("2606:4700::1111")]
    public void Public_addresses_are_allowed(string address)
    {
        Assert.True(SubscriberAddressPolicy.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("http://hooks.example.com/")]
    [InlineData("ftp://hooks.example.com/")]
    [InlineData("https://127.0.0.1/")]
    [InlineData("https://[::1]/")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://user:pw@hooks.example.com/")]
    public void Urls_that_are_not_https_to_a_public_host_are_refused(string url)
    {
        Assert.Throws<SubscriberAddressRefusedException>(() => new SubscriberAddressPolicy(false).CheckUrl(new Uri(url)));
    }

    [Fact]
    public void Private_networks_allowed_accepts_plain_http_to_loopback()
    {
        new SubscriberAddressPolicy(true).CheckUrl(new Uri("http://127.0.0.1:8080/hook"));
    }
}
