namespace StageConformance.Configuration;

/// <summary>One row per setting: the run-settings parameter and the environment variable that overrides it.</summary>
public sealed record SettingName(string Parameter, string Environment, string Meaning);

public static class SettingNames
{
    public static readonly SettingName BaseUrl = new("baseUrl", "STAGECONF_BASE_URL", "target URL; absent: start the embedded reference target");
    public static readonly SettingName Dialects = new("dialects", "STAGECONF_DIALECTS", "comma list of aws-rest-v1, aws-http-v2, ncp; required with a URL");
    public static readonly SettingName Region = new("region", "AWS_REGION", "SigV4 region (default us-east-1)");
    public static readonly SettingName ReportDir = new("reportDir", "STAGECONF_REPORT_DIR", "where report.json, report.md, junit.xml and reproducers/ go (default TestResults/conformance)");
    public static readonly SettingName PropertyCases = new("propertyCases", "STAGECONF_PROPERTY_CASES", "cases per FsCheck property, 1 to 10000 (default 25; 5 against hosts not on this machine)");
    public static readonly SettingName Replay = new("replay", "STAGECONF_REPLAY", "replay property failures: '<check id>=<seed>,<gamma>,<size>' as a failure prints it (whole or its value; several separated by ';')");
    public static readonly SettingName Categories = new("categories", "STAGECONF_CATEGORIES", "opt-in categories, comma list of throttling (any URL), billable (hosts not on this machine), auth");
    public static readonly SettingName RunId = new("runId", "STAGECONF_RUN_ID", "run id in every resource name: 4 to 8 lowercase letters or digits (default: random)");
    public static readonly SettingName RateLimit = new("rateLimit", "STAGECONF_RATE_LIMIT", "client-side budget '<requests/s>[,<burst>]' or 'off' (default: below the service quota for remote hosts, none on this machine)");
    public static readonly SettingName TimeoutSeconds = new("timeoutSeconds", "STAGECONF_TIMEOUT_SECONDS", "seconds before a request counts as a target fault (default 30)");
    public static readonly SettingName AllowRealCloud = new("allowRealCloud", "STAGECONF_ALLOW_REAL_CLOUD", "'true' to run against a real cloud host (*.amazonaws.com, *.ntruss.com, ...)");
    public static readonly SettingName Expectations = new("expectations", "STAGECONF_EXPECTATIONS", "the target's expectations file (known deviations); a relative path is taken from the repository root (dotnet test) or the current folder (stageconf run)");
    public static readonly SettingName AccessKeyId = new("", "AWS_ACCESS_KEY_ID", "AWS access key id (environment only)");
    public static readonly SettingName SecretAccessKey = new("", "AWS_SECRET_ACCESS_KEY", "AWS secret key (environment only)");
    public static readonly SettingName SessionToken = new("", "AWS_SESSION_TOKEN", "AWS session token (environment only, optional)");
    public static readonly SettingName NcpAccessKey = new("", "NCLOUD_ACCESS_KEY", "NCP access key (environment only)");
    public static readonly SettingName NcpSecretKey = new("", "NCLOUD_SECRET_KEY", "NCP secret key (environment only)");

    public static readonly IReadOnlyList<SettingName> All =
        [BaseUrl, Dialects, Region, ReportDir, PropertyCases, Replay, Categories, RunId, Expectations, RateLimit, TimeoutSeconds, AllowRealCloud, AccessKeyId, SecretAccessKey, SessionToken, NcpAccessKey, NcpSecretKey];
}
