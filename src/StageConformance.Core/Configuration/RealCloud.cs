namespace StageConformance.Configuration;

/// <summary>Hosts of the real clouds: a run there creates and deletes real resources, so it happens only on purpose.</summary>
public static class RealCloud
{
    private static readonly string[] Suffixes =
    [
        ".amazonaws.com", ".amazonaws.com.cn", ".api.aws", ".on.aws",
        ".ntruss.com", ".ncloud.com", ".gov-ntruss.com", ".fin-ntruss.com",
    ];

    public static bool IsRealCloudHost(Uri url)
    {
        var host = "." + url.Host.TrimEnd('.').ToLowerInvariant();
        return Suffixes.Any(suffix => host.EndsWith(suffix, StringComparison.Ordinal));
    }
}
