using Scanner.Infra.Tests.Bicep;

namespace Scanner.Infra.Tests.Checks;

/// <summary>The bicep CLI accepts infra/ without a single diagnostic: errors, warnings and infos all fail.</summary>
[Collection(InfraCollection.Name)]
public sealed class BicepCheckTests(InfraFixture infra)
{
    [Fact]
    public void Lint_of_main_bicep_reports_nothing()
    {
        AssertClean(infra.Lint);
    }

    [Fact]
    public void Build_of_main_bicep_reports_nothing()
    {
        AssertClean(infra.Build);
    }

    [Fact]
    public void Build_params_of_the_example_parameters_reports_nothing()
    {
        AssertClean(infra.BuildParams);
    }

    [Fact]
    public void Snapshot_of_the_example_deployment_reports_nothing()
    {
        AssertClean(infra.Snapshot);
        Assert.Equal(0, infra.Deployment.Diagnostics.GetArrayLength());
    }

    [Fact]
    public async Task Lint_reports_a_rule_broken_in_a_template_beside_main_bicep()
    {
        // Proves the zero-diagnostics checks above can fail: infra/bicepconfig.json raises rules to warnings.
        var directory = infra.CopyInfraWith("broken.bicep", "param unusedName string = 'x'\n");

        var run = await infra.Cli.RunAsync(directory, ["lint", "broken.bicep"]);

        Assert.Contains(run.Diagnostics, line => line.Contains("Warning no-unused-params", StringComparison.Ordinal));
    }

    private static void AssertClean(BicepRun run)
    {
        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.True(run.Diagnostics.Count == 0, run.Transcript);
        Assert.True(string.IsNullOrWhiteSpace(run.StandardError), run.Transcript);
    }
}
