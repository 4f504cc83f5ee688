namespace StageConformance.ReferenceTarget;

internal enum V2ProtocolType
{
    Http,
    WebSocket,
}

/// <summary>An HTTP or WebSocket API (apigatewayv2). All access goes through the state's gate.</summary>
internal sealed class V2Api(string id, string name, V2ProtocolType protocolType, string? description, string? routeSelectionExpression, DateTimeOffset createdDate)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public V2ProtocolType ProtocolType { get; } = protocolType;

    public string? Description { get; } = description;

    public string? RouteSelectionExpression { get; } = routeSelectionExpression;

    public DateTimeOffset CreatedDate { get; } = createdDate;

    public OrderedDictionary<string, V2Route> Routes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, V2Deployment> Deployments { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, V2Stage> Stages { get; } = new(StringComparer.Ordinal);

    /// <summary>Stages deleted while the v2.lifecycle deviation is on, by name; they stay in GetStages.</summary>
    public Dictionary<string, V2Stage> DeletedStages { get; } = new(StringComparer.Ordinal);
}

internal sealed record V2Route(string RouteId, string RouteKey);

internal sealed record V2Deployment(string DeploymentId, string? Description, DateTimeOffset CreatedDate);

internal sealed record V2RouteSettings(bool? DataTraceEnabled, bool? DetailedMetricsEnabled, string? LoggingLevel, int? ThrottlingBurstLimit, double? ThrottlingRateLimit);

internal sealed record V2AccessLogSettings(string? DestinationArn, string? Format);

internal sealed class V2Stage(string name, DateTimeOffset createdDate)
{
    public string Name { get; } = name;

    public string? Description { get; init; }

    public string? DeploymentId { get; init; }

    public string? ClientCertificateId { get; init; }

    public V2RouteSettings? DefaultRouteSettings { get; init; }

    public IReadOnlyList<KeyValuePair<string, V2RouteSettings>> RouteSettings { get; init; } = [];

    public Dictionary<string, string> StageVariables { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);

    public V2AccessLogSettings? AccessLogSettings { get; init; }

    public DateTimeOffset CreatedDate { get; } = createdDate;

    public DateTimeOffset LastUpdatedDate { get; init; } = createdDate;
}
