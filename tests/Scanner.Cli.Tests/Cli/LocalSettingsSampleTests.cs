using System.Text.Json;
using NCrontab;

namespace Scanner.Cli.Tests.Cli;

/// <summary>The sample settings `./build.sh run` copies: every setting of DESIGN.md section 8, with working local values.</summary>
public sealed class LocalSettingsSampleTests
{
    private static readonly string[] DesignSettings =
    [
        "AzureWebJobsStorage", "ServiceBusConnection", "Scanner__ScanSchedule", "Scanner__AllowList__0",
        "Scanner__Registries__0__Host", "Scanner__Registries__0__Insecure", "Scanner__Registries__0__Username",
        "Scanner__Registries__0__Password", "Scanner__PreferredPlatform", "Scanner__ScanTimeout", "Scanner__ApiKeys__Function",
        "Scanner__ApiKeys__Admin", "ASPNETCORE_URLS",
    ];

    private static Dictionary<string, string> Values()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Scanner.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory.FullName, "local.settings.sample.json")));
        return document.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty);
    }

    [Fact]
    public void Sample_names_every_design_setting()
    {
        var values = Values();
        Assert.All(DesignSettings, name => Assert.True(values.ContainsKey(name), $"{name} is missing"));
    }

    [Fact]
    public void Sample_values_work_locally()
    {
        var values = Values();
        Assert.Equal("UseDevelopmentStorage=true", values["AzureWebJobsStorage"]);
        Assert.Equal(string.Empty, values["ServiceBusConnection"]);
        Assert.NotNull(CrontabSchedule.TryParse(values["Scanner__ScanSchedule"], new CrontabSchedule.ParseOptions { IncludingSeconds = true }));
        Assert.StartsWith("docker.io/", values["Scanner__AllowList__0"], StringComparison.Ordinal);
        Assert.All(values.Where(v => v.Key.StartsWith("Scanner__AllowList__", StringComparison.Ordinal)),
            v => Assert.True(Core.Repositories.RepositoryName.TryParse(v.Value, out _, out _), v.Value));
        Assert.False(string.IsNullOrEmpty(values["Scanner__ApiKeys__Function"]));
        Assert.NotEqual(values["Scanner__ApiKeys__Function"], values["Scanner__ApiKeys__Admin"]);
    }
}
