namespace Scanner.Infra.Tests.Settings;

/// <summary>
/// What counts as reading a configuration key in <see cref="AppSettingNameTests"/>: the checks there can fail, a
/// misspelt setting among them.
/// </summary>
public sealed class ConfigurationReadsInSourceTests
{
    private static readonly ConfigurationReadsInSource Source = new(
    [
        """
        public sealed class RegistryOptions
        {
            public const string SectionName = "Scanner";
            public string PreferredPlatform { get; set; } = "linux/amd64";
        }
        """,
        """
        public sealed class ScheduleScans
        {
            [Function(nameof(ScheduleScans))]
            public Task RunAsync([TimerTrigger("%Scanner:ScanSchedule%")] TimerInfo timer) => Task.CompletedTask;
            private static IEnumerable<string> Seeds(IConfiguration c) => c.GetSection("Scanner:AllowList").GetChildren().Select(x => x.Value!);
            private static string? Account(IConfiguration c) => c[ConnectionName + ":accountName"];
            private const string ConnectionName = "AzureWebJobsStorage";
        }
        """,
        """
        public sealed class StorageTables
        {
            public TableClient Subscribers { get; }
        }
        """,
    ]);

    [Theory]
    [InlineData("Scanner:ScanSchedule")]
    [InlineData("Scanner:PreferredPlatform")]
    [InlineData("scanner:preferredplatform")]
    [InlineData("Scanner:AllowList:0")]
    [InlineData("Scanner:AllowList:N")]
    [InlineData("AzureWebJobsStorage:accountName")]
    public void A_key_named_whole_or_as_a_section_and_its_bound_parts_is_read(string key)
    {
        Assert.True(Source.Reads(key));
    }

    [Theory]
    [InlineData("Scanner:ScanSchedul")]
    [InlineData("Scanner:PreferedPlatform")]
    [InlineData("Scanner:AllowLists:0")]
    [InlineData("Scanner:ScanTimeout")]
    [InlineData("AzureWebJobsStorage:acountName")]
    [InlineData("ServiceBusConnection")]
    public void A_key_the_source_does_not_name_is_not_read(string key)
    {
        Assert.False(Source.Reads(key));
    }

    [Fact]
    public void Index_parts_do_not_stand_for_a_section_the_source_never_names()
    {
        Assert.False(Source.Reads("Scanner:Registries:0:Host"));
    }

    [Fact]
    public void A_property_of_a_class_the_section_is_not_bound_to_does_not_make_a_key_read()
    {
        // "Scanner" is named in RegistryOptions' file; Subscribers is a property of another class.
        Assert.False(Source.Reads("Scanner:Subscribers"));
    }
}
