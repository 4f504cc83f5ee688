namespace StageConformance.Schemas;

/// <summary>One failed schema assertion.</summary>
/// <param name="InstancePath">RFC 6901 pointer into the validated instance ("" is the root).</param>
/// <param name="Keyword">The schema keyword that failed, e.g. <c>maxLength</c>.</param>
/// <param name="Requirement">The <c>x-requirement</c> the failed keyword is attributed to, if any.</param>
/// <param name="Message">Human-readable detail.</param>
public sealed record SchemaViolation(string InstancePath, string Keyword, string? Requirement, string Message)
{
    public override string ToString() =>
        $"{(InstancePath.Length == 0 ? "(root)" : InstancePath)} [{Keyword}] {Requirement ?? "(no requirement)"}: {Message}";
}
