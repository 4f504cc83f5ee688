namespace StageConformance.ReferenceTarget.Ncp;

/// <summary>The NCP products of one running target. All access goes through <see cref="Gate"/>.</summary>
internal sealed class NcpState
{
    public Lock Gate { get; } = new();

    public OrderedDictionary<string, NcpProduct> Products { get; } = new(StringComparer.Ordinal);
}

internal sealed class NcpProduct(string id, string name, string subscriptionCode, string? description, DateTimeOffset modTime)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public string SubscriptionCode { get; } = subscriptionCode;

    public string? Description { get; } = description;

    public DateTimeOffset ModTime { get; } = modTime;

    public OrderedDictionary<string, NcpApi> Apis { get; } = new(StringComparer.Ordinal);
}

internal sealed class NcpApi(string id, string productId, string name, string? description, DateTimeOffset modTime)
{
    public string Id { get; } = id;

    public string ProductId { get; } = productId;

    public string Name { get; } = name;

    public string? Description { get; } = description;

    public DateTimeOffset ModTime { get; } = modTime;

    /// <summary>By stageId, in creation order.</summary>
    public OrderedDictionary<string, NcpStage> Stages { get; } = new(StringComparer.Ordinal);

    /// <summary>Stages deleted while the ncp.lifecycle deviation is on; they stay in the stage list.</summary>
    public List<NcpStage> DeletedStages { get; } = [];

    public bool HasStageNamed(string name) => Stages.Values.Any(s => s.Name == name);
}

/// <summary>A stage as Create stage stored it; members a request left out stay null.</summary>
internal sealed class NcpStage(string id, string apiId, string name, string endpointDomain, DateTimeOffset regTime)
{
    public string Id { get; } = id;

    public string ApiId { get; } = apiId;

    public string Name { get; } = name;

    public string EndpointDomain { get; } = endpointDomain;

    public DateTimeOffset RegTime { get; } = regTime;

    public long? CacheTtlSec { get; init; }

    public long? ThrottleRps { get; init; }

    public string? Response { get; init; }

    public string? DeploymentDescription { get; init; }

    public bool IsMaintenance { get; init; }

    public bool EnabledContentEncoding { get; init; }

    public long? MinimumCompressionSize { get; init; }

    public string? IpAclCode { get; init; }

    public string? IpAclList { get; init; }

    public long? StatusCode { get; init; }
}
