using CsCheck;
using Scanner.Registry.Http;

namespace Scanner.Registry.Tests.Http;

public sealed class AuthChallengeTests
{
    [Fact]
    public void Bearer_parameters_are_read_with_quotes_and_escapes_removed()
    {
        var parameters = AuthChallenge.ParseParameters("realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:a/b:pull\",error=\"say \\\"hi\\\"\"");

        Assert.Equal("https://auth.docker.io/token", parameters["realm"]);
        Assert.Equal("registry.docker.io", parameters["service"]);
        Assert.Equal("repository:a/b:pull", parameters["scope"]);
        Assert.Equal("say \"hi\"", parameters["error"]);
    }

    [Fact]
    public void Unquoted_values_and_stray_commas_are_accepted()
    {
        var parameters = AuthChallenge.ParseParameters(" , realm=basic , charset=UTF-8,");

        Assert.Equal("basic", parameters["realm"]);
        Assert.Equal("UTF-8", parameters["charset"]);
    }

    [Fact]
    public void Parsing_arbitrary_text_never_throws()
    {
        Gen.String.Sample(text => Assert.NotNull(AuthChallenge.ParseParameters(text)));
    }
}
