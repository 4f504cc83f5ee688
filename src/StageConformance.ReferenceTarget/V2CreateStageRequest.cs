namespace StageConformance.ReferenceTarget;

/// <summary>A v2 CreateStage body after the JSON type checks; no value rule has been applied yet.</summary>
internal sealed record V2CreateStageRequest(
    string? StageName,
    string? Description,
    string? DeploymentId,
    string? ClientCertificateId,
    V2RouteSettings? DefaultRouteSettings,
    IReadOnlyList<KeyValuePair<string, V2RouteSettings>> RouteSettings,
    IReadOnlyList<KeyValuePair<string, string?>> StageVariables,
    IReadOnlyList<KeyValuePair<string, string?>> Tags,
    V2AccessLogSettings? AccessLogSettings)
{
    public static V2CreateStageRequest Read(byte[] body, bool coerce)
    {
        var members = JsonMembers.Parse(body, coerce);
        var accessLog = members.Object("accessLogSettings");
        return new(
            members.String("stageName"),
            members.String("description"),
            members.String("deploymentId"),
            members.String("clientCertificateId"),
            members.Object("defaultRouteSettings") is { } defaults ? RouteSettingsOf(defaults) : null,
            (members.ObjectMap("routeSettings") ?? []).Select(e => KeyValuePair.Create(e.Key, RouteSettingsOf(e.Value))).ToList(),
            // A null variable value reaches the value rule, which rejects it as AWS does.
            members.Map("stageVariables", nullValues: true) ?? [],
            members.Map("tags") ?? [],
            accessLog is null ? null : new V2AccessLogSettings(accessLog.String("destinationArn"), accessLog.String("format")));
    }

    /// <summary>Every loggingLevel the request sets, in defaultRouteSettings and in each routeSettings entry.</summary>
    public IEnumerable<string> LoggingLevels =>
        new[] { DefaultRouteSettings }.Concat(RouteSettings.Select(r => r.Value)).Select(r => r?.LoggingLevel).OfType<string>();

    /// <summary>Whether any route settings set an execution-log member (loggingLevel or dataTraceEnabled, whatever its value).</summary>
    public bool SetsExecutionLogs =>
        new[] { DefaultRouteSettings }.Concat(RouteSettings.Select(r => r.Value)).Any(r => r?.LoggingLevel is not null || r?.DataTraceEnabled is not null);

    private static V2RouteSettings RouteSettingsOf(JsonMembers members) => new(
        members.Boolean("dataTraceEnabled"),
        members.Boolean("detailedMetricsEnabled"),
        members.String("loggingLevel"),
        members.Int32("throttlingBurstLimit"),
        members.Number("throttlingRateLimit"));
}
