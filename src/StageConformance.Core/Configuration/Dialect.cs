namespace StageConformance.Configuration;

public static class DialectNames
{
    public const string AwsRestV1 = "aws-rest-v1";
    public const string AwsHttpV2 = "aws-http-v2";
    public const string Ncp = "ncp";

    /// <summary>Dialects the suite has checks for; the others are named by the contract but not built yet.</summary>
    public static readonly IReadOnlyList<string> Implemented = [AwsRestV1, AwsHttpV2, Ncp];

    public static readonly IReadOnlyList<string> Known = [AwsRestV1, AwsHttpV2, Ncp];
}
