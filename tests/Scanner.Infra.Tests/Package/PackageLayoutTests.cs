using System.Text.Json;
using Scanner.Functions.Functions;
using Scanner.Infra.Tests.Bicep;
using Scanner.Infra.Tests.Repository;

namespace Scanner.Infra.Tests.Package;

/// <summary>artifacts/functionapp.zip is what a Flex Consumption custom-handler app needs, and nothing else.</summary>
[Collection(InfraCollection.Name)]
public sealed class PackageLayoutTests(PackageFixture build)
{
    private const string HostJson = "host.json";
    private const string FunctionJson = "function.json";

    private FunctionAppPackage Package => build.Package;

    [Fact]
    public void Host_json_at_the_root_is_the_repository_host_json()
    {
        var expected = JsonDocument.Parse(RepositoryFiles.ReadText(HostJson)).RootElement;

        Assert.True(JsonElement.DeepEquals(expected, Package.Json(HostJson)), Package.Listing);
    }

    [Fact]
    public void Host_json_starts_an_executable_file_of_the_package()
    {
        var path = DefaultExecutablePath();
        var entry = Package.Find(path);

        Assert.True(entry is not null, $"host.json starts '{path}', which is not in the package:\n{Package.Listing}");
        Assert.True(entry.IsExecutable, $"'{path}' lacks the executable bit: {entry}");
    }

    [Fact]
    public void Executable_is_a_linux_x64_ELF_program()
    {
        var header = Package.Header(DefaultExecutablePath());

        Assert.True(header[..4].SequenceEqual("\u007FELF"u8), "not an ELF file");
        Assert.Equal(2, header[4]); // 64-bit
        Assert.Contains(header[16], new byte[] { 2, 3 }); // ET_EXEC, or ET_DYN when position-independent
        Assert.Equal(0x3E, header[18]); // EM_X86_64
    }

    [Fact]
    public void Host_json_runs_the_executable_in_serve_mode_from_the_package_root()
    {
        var description = Package.Json(HostJson).GetProperty("customHandler").GetProperty("description");

        Assert.Equal(["serve"], description.GetProperty("arguments").EnumerateArray().Select(argument => argument.GetString()));
        Assert.Equal(string.Empty, description.TryGetProperty("workingDirectory", out var directory) ? directory.GetString() : string.Empty);
    }

    [Fact]
    public void Host_json_forwards_http_requests_to_the_handler_unchanged()
    {
        Assert.True(Package.Json(HostJson).GetProperty("customHandler").GetProperty("enableForwardingHttpRequest").GetBoolean());
    }

    [Fact]
    public void Host_json_uses_extension_bundle_version_4()
    {
        var bundle = Package.Json(HostJson).GetProperty("extensionBundle");

        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", bundle.GetProperty("id").GetString());
        Assert.Equal("[4.*, 5.0.0)", bundle.GetProperty("version").GetString());
    }

    [Fact]
    public void Every_function_of_the_design_has_a_function_json()
    {
        var missing = DesignFunctionTable.Read().Select(function => function.Name).Where(name => Package.Find($"{name}/{FunctionJson}") is null).ToList();

        Assert.True(missing.Count == 0, $"No function.json for {string.Join(", ", missing)}:\n{Package.Listing}");
    }

    [Fact]
    public void Function_folders_are_exactly_the_functions_the_app_declares()
    {
        var folders = Package.Entries.Select(entry => entry.TopFolder).OfType<string>().Distinct();

        Assert.Equal(FunctionCatalog.All.Select(function => function.Name).Order(StringComparer.Ordinal), folders.Order(StringComparer.Ordinal));
        Assert.Equal(DesignFunctionTable.Read().Select(function => function.Name).Order(StringComparer.Ordinal), folders.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Package_holds_host_json_the_executable_and_one_function_json_per_folder_only()
    {
        var unexpected = Package.Entries
            .Where(entry => entry.TopFolder is null
                ? entry.Path != HostJson && entry.Path != DefaultExecutablePath()
                : entry.Path != $"{entry.TopFolder}/{FunctionJson}")
            .ToList();

        Assert.True(unexpected.Count == 0, $"Unexpected files: {string.Join(", ", unexpected.Select(entry => entry.Path))}");
    }

    [Fact]
    public void Every_function_json_has_exactly_one_trigger()
    {
        foreach (var function in FunctionCatalog.All)
        {
            var triggers = Bindings(function.Name).Where(binding => Type(binding).EndsWith("Trigger", StringComparison.Ordinal)).ToList();

            Assert.True(triggers.Count == 1, $"{function.Name} has {triggers.Count} triggers");
            Assert.Equal("in", triggers[0].GetProperty("direction").GetString());
        }
    }

    [Fact]
    public void Http_functions_have_one_http_trigger_in_and_one_http_output()
    {
        // enableForwardingHttpRequest forwards only functions shaped exactly like this (DESIGN.md section 2).
        foreach (var function in FunctionCatalog.All.Where(function => function.Trigger is HttpTrigger))
        {
            var bindings = Bindings(function.Name);

            Assert.Equal(["httpTrigger:in", "http:out"], bindings.Select(binding => $"{Type(binding)}:{binding.GetProperty("direction").GetString()}"));
        }
    }

    [Fact]
    public void Http_functions_ask_for_the_key_the_design_names()
    {
        foreach (var function in DesignFunctionTable.Read().Where(function => function.AuthLevel is not null))
        {
            var trigger = Bindings(function.Name).Single(binding => Type(binding) == "httpTrigger");

            Assert.True(
                function.AuthLevel == trigger.GetProperty("authLevel").GetString(),
                $"{function.Name}: DESIGN.md says {function.AuthLevel}, function.json says {trigger.GetProperty("authLevel")}");
        }
    }

    [Fact]
    public void Timer_and_service_bus_functions_have_the_trigger_the_design_names()
    {
        foreach (var function in DesignFunctionTable.Read().Where(function => function.AuthLevel is null))
        {
            var expected = function.Trigger.StartsWith("timer", StringComparison.Ordinal) ? "timerTrigger"
                : function.Trigger.StartsWith("Service Bus", StringComparison.Ordinal) ? "serviceBusTrigger"
                : throw new InvalidOperationException($"DESIGN.md trigger '{function.Trigger}' of {function.Name} is not timer, Service Bus or HTTP.");

            Assert.Equal(expected, Type(Bindings(function.Name)[0]));
        }
    }

    private string DefaultExecutablePath() =>
        Package.Json(HostJson).GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString()!;

    private List<JsonElement> Bindings(string functionName) =>
        Package.Json($"{functionName}/{FunctionJson}").GetProperty("bindings").EnumerateArray().ToList();

    private static string Type(JsonElement binding) => binding.GetProperty("type").GetString()!;
}
