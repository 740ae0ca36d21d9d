using Microsoft.Extensions.Configuration;
using Scanner.Messaging.ServiceBus;

namespace Scanner.Messaging.Tests.ServiceBus;

public sealed class ServiceBusConnectionInfoTests
{
    private const string Key = "c2VjcmV0LWtleS12YWx1ZQ==";

    [Fact]
    public void Connection_string_gives_https_namespace_key_and_entity()
    {
        var info = ServiceBusConnectionInfo.ParseConnectionString(
            $"Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={Key};EntityPath=scan-requests");

        Assert.Equal(new Uri("https://contoso.servicebus.windows.net/"), info.Endpoint);
        Assert.Equal("contoso.servicebus.windows.net", info.FullyQualifiedNamespace);
        Assert.Equal("send", info.SharedAccessKeyName);
        Assert.True(info.UsesSharedAccessKey);
        Assert.Equal("scan-requests", info.EntityPath);
        Assert.False(info.UseDevelopmentEmulator);
    }

    [Fact]
    public void Development_emulator_connection_string_talks_plain_http_to_its_host_and_port()
    {
        var info = ServiceBusConnectionInfo.ParseConnectionString(
            $"Endpoint=sb://127.0.0.1:5672;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={Key};UseDevelopmentEmulator=true");

        Assert.Equal(new Uri("http://127.0.0.1:5672/"), info.Endpoint);
        Assert.True(info.UseDevelopmentEmulator);
    }

    [Theory]
    [InlineData("SharedAccessKeyName=a;SharedAccessKey=" + Key, "Endpoint")]
    [InlineData("Endpoint=sb://x.servicebus.windows.net/;SharedAccessKey=" + Key, "SharedAccessKeyName")]
    [InlineData("Endpoint=not a uri;SharedAccessKeyName=a;SharedAccessKey=" + Key, "Endpoint")]
    [InlineData("Endpoint=sb://x/;SharedAccessKeyName=a;SharedAccessKey=" + Key + ";UseDevelopmentEmulator=yes", "UseDevelopmentEmulator")]
    public void Malformed_connection_string_names_the_part_and_never_echoes_the_key(string connectionString, string part)
    {
        var error = Assert.Throws<FormatException>(() => ServiceBusConnectionInfo.ParseConnectionString(connectionString));

        Assert.Contains(part, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Printing_a_connection_never_shows_the_key()
    {
        var info = ServiceBusConnectionInfo.ParseConnectionString(
            $"Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={Key}");

        Assert.DoesNotContain(Key, info.ToString(), StringComparison.Ordinal);
        Assert.Contains("send", info.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_with_fully_qualified_namespace_uses_entra_with_optional_client_id()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ServiceBusConnection:fullyQualifiedNamespace"] = "contoso.servicebus.windows.net",
            ["ServiceBusConnection:clientId"] = "00000000-0000-0000-0000-000000000001",
        }).Build();

        var info = ServiceBusConnectionInfo.FromConfiguration(configuration);

        Assert.NotNull(info);
        Assert.False(info.UsesSharedAccessKey);
        Assert.Equal(new Uri("https://contoso.servicebus.windows.net/"), info.Endpoint);
        Assert.Equal("00000000-0000-0000-0000-000000000001", info.ClientId);
    }

    [Fact]
    public void Configuration_without_a_connection_means_standalone()
    {
        Assert.Null(ServiceBusConnectionInfo.FromConfiguration(new ConfigurationBuilder().Build()));
    }
}
