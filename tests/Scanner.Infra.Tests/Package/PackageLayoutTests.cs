using System.Text.Json;
using Scanner.Infra.Tests.Bicep;
using Scanner.Infra.Tests.Repository;
using static Scanner.Infra.Tests.Package.FunctionAppPackage;

namespace Scanner.Infra.Tests.Package;

/// <summary>
/// artifacts/functionapp.zip is what Functions deployment expects of a .NET isolated-worker app, as
/// <c>func azure functionapp publish</c> would send it, and nothing else.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class PackageLayoutTests(PackageFixture build)
{
    private const string AppAssembly = "Scanner.Functions.dll";

    private FunctionAppPackage Package => build.Package;

    [Theory]
    [InlineData(HostJson)]
    [InlineData(FunctionsMetadata)]
    [InlineData(WorkerConfig)]
    [InlineData(ExtensionsJson)]
    [InlineData(AppAssembly)]
    [InlineData("Scanner.Functions.deps.json")]
    [InlineData("Scanner.Functions.runtimeconfig.json")]
    [InlineData(ExtensionsFolder + "/function.deps.json")]
    [InlineData(ExtensionsFolder + "/Microsoft.Azure.WebJobs.Extensions.Storage.Queues.dll")]
    public void Package_holds_what_the_host_loads_an_isolated_app_from(string path)
    {
        Assert.True(Package.Find(path) is not null, $"{path} is not in the package:\n{Package.Listing}");
    }

    [Fact]
    public void Package_root_holds_only_assemblies_and_the_host_and_worker_files_and_one_folder_of_host_extensions()
    {
        string[] files = [HostJson, FunctionsMetadata, WorkerConfig, ExtensionsJson];
        var unexpected = Package.Entries
            .Where(entry => entry.TopFolder is null
                ? !files.Contains(entry.Path)
                    && !entry.Path.EndsWith(".dll", StringComparison.Ordinal)
                    && !entry.Path.EndsWith(".pdb", StringComparison.Ordinal)
                    && !entry.Path.EndsWith(".deps.json", StringComparison.Ordinal)
                    && !entry.Path.EndsWith(".runtimeconfig.json", StringComparison.Ordinal)
                : entry.TopFolder != ExtensionsFolder)
            .ToList();

        Assert.True(unexpected.Count == 0, $"Unexpected in the package: {string.Join(", ", unexpected.Select(entry => entry.Path))}");
    }

    [Fact]
    public void Package_carries_no_local_settings()
    {
        // local.settings.json holds standalone keys and connection strings; in Azure, app settings configure the app.
        Assert.DoesNotContain(Package.Entries, entry => entry.Name is "local.settings.json" || entry.Name.StartsWith("appsettings", StringComparison.Ordinal));
    }

    [Fact]
    public void Host_json_at_the_root_is_the_repository_host_json()
    {
        var expected = JsonDocument.Parse(RepositoryFiles.ReadText(HostJson)).RootElement;

        Assert.True(JsonElement.DeepEquals(expected, Package.Json(HostJson)), Package.Listing);
    }

    [Fact]
    public void Host_json_has_no_custom_handler_and_no_extension_bundle()
    {
        // An isolated app brings its own extensions (.azurefunctions/); a bundle or a custom handler would replace them.
        var hostJson = Package.Json(HostJson);

        Assert.Equal("2.0", hostJson.GetProperty("version").GetString());
        Assert.False(hostJson.TryGetProperty("customHandler", out _), "host.json configures a custom handler");
        Assert.False(hostJson.TryGetProperty("extensionBundle", out _), "host.json names an extension bundle");
    }

    [Fact]
    public void Worker_config_starts_the_app_assembly_of_the_package_with_dotnet()
    {
        var description = Package.Json(WorkerConfig).GetProperty("description");

        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("dotnet", description.GetProperty("defaultExecutablePath").GetString());
        Assert.Equal(AppAssembly, description.GetProperty("defaultWorkerPath").GetString());
    }

    [Fact]
    public void App_is_framework_dependent_on_dotnet_10_for_linux_x64()
    {
        var runtimeOptions = Package.Json("Scanner.Functions.runtimeconfig.json").GetProperty("runtimeOptions");
        var frameworks = runtimeOptions.GetProperty("frameworks").EnumerateArray().ToDictionary(
            framework => framework.GetProperty("name").GetString()!, framework => framework.GetProperty("version").GetString()!);

        Assert.Equal("net10.0", runtimeOptions.GetProperty("tfm").GetString());
        Assert.StartsWith("10.", frameworks["Microsoft.NETCore.App"], StringComparison.Ordinal);
        // A self-contained app lists includedFrameworks instead and carries the runtime.
        Assert.False(runtimeOptions.TryGetProperty("includedFrameworks", out _));
        Assert.Null(Package.Find("libcoreclr.so"));
        Assert.Equal(".NETCoreApp,Version=v10.0/linux-x64", Package.Json("Scanner.Functions.deps.json").GetProperty("runtimeTarget").GetProperty("name").GetString());
        // The host runs `dotnet Scanner.Functions.dll`: a native launcher would be dead weight.
        Assert.Null(Package.Find("Scanner.Functions"));
    }

    [Fact]
    public void Extensions_the_host_loads_are_assemblies_of_the_package()
    {
        var extensions = Package.Json(ExtensionsJson).GetProperty("extensions").EnumerateArray().ToList();

        Assert.Contains(extensions, extension => extension.GetProperty("name").GetString() == "AzureStorageQueues");
        Assert.All(extensions, extension =>
        {
            var hintPath = extension.GetProperty("hintPath").GetString()!;
            Assert.StartsWith($"./{ExtensionsFolder}/", hintPath, StringComparison.Ordinal);
            Assert.True(Package.Find(hintPath[2..]) is not null, $"{hintPath} is not in the package:\n{Package.Listing}");
        });
    }

    [Fact]
    public void Every_function_runs_in_the_app_assembly_of_the_package()
    {
        Assert.NotEmpty(Package.Functions);
        Assert.All(Package.Functions, function =>
        {
            Assert.Equal("dotnet-isolated", function.Language);
            Assert.Equal(AppAssembly, function.ScriptFile);
        });
    }

    [Fact]
    public void Functions_are_exactly_the_functions_of_the_design()
    {
        var design = DesignFunctionTable.Read().Select(function => function.Name).Order(StringComparer.Ordinal);

        Assert.Equal(design, Package.Functions.Select(function => function.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_function_has_exactly_one_trigger_and_it_is_an_input()
    {
        Assert.All(Package.Functions, function =>
        {
            Assert.True(function.Triggers.Count == 1, $"{function} has {function.Triggers.Count} triggers");
            Assert.Equal("in", function.TriggerProperty("direction"), StringComparer.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void Every_function_has_the_trigger_the_design_names()
    {
        var functions = Package.Functions.ToDictionary(function => function.Name, StringComparer.Ordinal);

        Assert.All(DesignFunctionTable.Read().Where(function => functions.ContainsKey(function.Name)), expected =>
        {
            var actual = functions[expected.Name];
            Assert.True(expected.TriggerType == actual.TriggerType, $"{expected.Name}: DESIGN.md says {expected.TriggerType}, functions.metadata says {actual.TriggerType}");
            Assert.True(expected.QueueName == actual.TriggerProperty("queueName"), $"{expected.Name}: DESIGN.md says queue {expected.QueueName}, functions.metadata says {actual.TriggerProperty("queueName")}");
            Assert.True(
                string.Equals(expected.AuthLevel, actual.TriggerProperty("authLevel"), StringComparison.OrdinalIgnoreCase),
                $"{expected.Name}: DESIGN.md says auth level {expected.AuthLevel}, functions.metadata says {actual.TriggerProperty("authLevel")}");
        });
    }
}
