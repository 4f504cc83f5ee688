namespace StageConformance.ReferenceTarget;

/// <summary>A CreateStage body after the JSON type checks; no value rule has been applied yet.</summary>
internal sealed record CreateStageRequest(
    string? StageName,
    string? DeploymentId,
    string? Description,
    string? DocumentationVersion,
    bool CacheClusterEnabled,
    string? CacheClusterSize,
    bool TracingEnabled,
    IReadOnlyList<KeyValuePair<string, string?>> Variables,
    IReadOnlyList<KeyValuePair<string, string?>> Tags,
    CanaryRequest? Canary)
{
    public static CreateStageRequest Read(byte[] body, bool coerce)
    {
        var members = JsonMembers.Parse(body, coerce);
        var canary = members.Object("canarySettings");
        return new(
            members.String("stageName"),
            members.String("deploymentId"),
            members.String("description"),
            members.String("documentationVersion"),
            members.Boolean("cacheClusterEnabled") ?? false,
            members.String("cacheClusterSize"),
            members.Boolean("tracingEnabled") ?? false,
            // A null variable value reaches the value rule, which rejects it as AWS does.
            members.Map("variables", nullValues: true) ?? [],
            members.Map("tags") ?? [],
            CanaryRequest.Read(canary));
    }
}

/// <summary>canarySettings of CreateStage, and of CreateDeployment, whose canary has no deploymentId of its own.</summary>
internal sealed record CanaryRequest(
    string? DeploymentId, double PercentTraffic, IReadOnlyList<KeyValuePair<string, string?>> StageVariableOverrides, bool UseStageCache)
{
    public static CanaryRequest? Read(JsonMembers? canary) =>
        canary is null
            ? null
            : new CanaryRequest(
                canary.String("deploymentId"),
                canary.Number("percentTraffic") ?? 0,
                canary.Map("stageVariableOverrides") ?? [],
                canary.Boolean("useStageCache") ?? false);
}
