namespace StageConformance.Requirements;

/// <summary>How a requirement is known to hold on the real service, strongest first (docs/DECISIONS.md E1).</summary>
public enum EvidenceKind
{
    /// <summary>Recorded against the real service: a validated parity snapshot, or a response a user pasted from the real service.</summary>
    Captured,

    /// <summary>The service's own machine-readable model (botocore service-2.json), which the SDKs enforce.</summary>
    ServiceModel,

    /// <summary>A quote from the source documents (../shared/seeds), the suite's specification.</summary>
    Seed,

    /// <summary>AWS or NCP documentation beyond the seeds.</summary>
    Documented,

    /// <summary>Reasoned from other evidence; never seen on the wire.</summary>
    Inferred,
}

/// <summary>
/// One piece of evidence for a requirement: its kind, where it comes from (repository, path and test
/// name, or URL, or a file under ../shared), and the value quoted from there. <paramref name="Via"/>,
/// when set, is the file under ../shared that holds <paramref name="Quote"/> verbatim (a research note
/// that quotes the original source), so the quote can be checked without the network.
/// </summary>
public sealed record Evidence(EvidenceKind Kind, string Source, string Quote, string? Via = null)
{
    public static EvidenceKind ParseKind(string kind) => kind switch
    {
        "captured" => EvidenceKind.Captured,
        "service-model" => EvidenceKind.ServiceModel,
        "seed" => EvidenceKind.Seed,
        "documented" => EvidenceKind.Documented,
        "inferred" => EvidenceKind.Inferred,
        _ => throw new InvalidDataException($"evidence kind '{kind}' is not one of captured, service-model, seed, documented, inferred"),
    };

    public static string Name(EvidenceKind kind) => kind switch
    {
        EvidenceKind.Captured => "captured",
        EvidenceKind.ServiceModel => "service-model",
        EvidenceKind.Seed => "seed",
        EvidenceKind.Documented => "documented",
        _ => "inferred",
    };

    /// <summary>How a report says it next to a failure: what a reader may conclude from the kind.</summary>
    public static string Describe(EvidenceKind kind) => kind switch
    {
        EvidenceKind.Captured => "captured on the real service",
        EvidenceKind.ServiceModel => "in the service model",
        EvidenceKind.Seed => "documented in the source documents",
        EvidenceKind.Documented => "documented beyond the source documents",
        _ => "inferred, never captured",
    };
}
