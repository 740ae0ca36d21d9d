namespace Scanner.Core.Labels;

/// <summary>The image labels a Docker Desktop extension declares.</summary>
public static class LabelNames
{
    public const string Title = "org.opencontainers.image.title";
    public const string Description = "org.opencontainers.image.description";
    public const string Vendor = "org.opencontainers.image.vendor";
    public const string ApiVersion = "com.docker.desktop.extension.api.version";
    public const string Icon = "com.docker.desktop.extension.icon";
    public const string Screenshots = "com.docker.extension.screenshots";
    public const string DetailedDescription = "com.docker.extension.detailed-description";
    public const string PublisherUrl = "com.docker.extension.publisher-url";
    public const string Changelog = "com.docker.extension.changelog";
    public const string AdditionalUrls = "com.docker.extension.additional-urls";
    public const string AccountInfo = "com.docker.extension.account-info";
    public const string Categories = "com.docker.extension.categories";

    /// <summary>Every label a valid version must carry, in the order problems are reported.</summary>
    public static IReadOnlyList<string> Required { get; } =
    [
        Title, Description, Vendor, ApiVersion, Icon, Screenshots, DetailedDescription, PublisherUrl, Changelog,
    ];

    public static IReadOnlyList<string> Optional { get; } = [AdditionalUrls, AccountInfo, Categories];
}
