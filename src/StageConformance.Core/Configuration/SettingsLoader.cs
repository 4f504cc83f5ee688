using System.Globalization;
using StageConformance.Checks;
using StageConformance.Expectations;
using StageConformance.Infrastructure;
using StageConformance.Signing;

namespace StageConformance.Configuration;

/// <summary>
/// Reads settings from run-settings parameters with environment variables overriding them, and
/// turns every bad combination into a one-line <see cref="ConfigurationException"/>.
/// </summary>
public static class SettingsLoader
{
    /// <summary>Credentials emulators such as LocalStack and moto accept; used only for loopback targets.</summary>
    public static readonly AwsCredentials LoopbackDefaultCredentials = new("test", "test");

    /// <summary>The pair the reference target accepts by default; used only for loopback targets.</summary>
    public static readonly NcpCredentials LoopbackDefaultNcpCredentials = new("test", "test");

    public static SuiteSettings Load(
        IReadOnlyDictionary<string, string> parameters,
        IReadOnlyDictionary<string, string> environment)
    {
        string? Get(SettingName name)
        {
            if (environment.TryGetValue(name.Environment, out var fromEnv) && !string.IsNullOrWhiteSpace(fromEnv))
            {
                return fromEnv.Trim();
            }

            return name.Parameter.Length > 0 && parameters.TryGetValue(name.Parameter, out var fromParam) && !string.IsNullOrWhiteSpace(fromParam)
                ? fromParam.Trim()
                : null;
        }

        var baseUrl = ParseBaseUrl(Get(SettingNames.BaseUrl));
        var dialects = ParseDialects(Get(SettingNames.Dialects), baseUrl);
        var region = Get(SettingNames.Region) ?? "us-east-1";
        var kind = baseUrl is null ? TargetKind.Embedded : baseUrl.IsLoopback ? TargetKind.Loopback : TargetKind.Remote;
        var credentials = ParseCredentials(
            Get(SettingNames.AccessKeyId), Get(SettingNames.SecretAccessKey), Get(SettingNames.SessionToken), kind, dialects);
        var ncpCredentials = ParseNcpCredentials(Get(SettingNames.NcpAccessKey), Get(SettingNames.NcpSecretKey), kind, dialects);
        var cases = ParsePositiveInt(SettingNames.PropertyCases, Get(SettingNames.PropertyCases)) ?? (kind == TargetKind.Remote ? 5 : 25);
        var (rateLimit, rateLimitOff) = ParseRateLimit(Get(SettingNames.RateLimit));
        var timeout = ParsePositiveInt(SettingNames.TimeoutSeconds, Get(SettingNames.TimeoutSeconds)) ?? 30;
        var allowRealCloud = ParseBool(SettingNames.AllowRealCloud, Get(SettingNames.AllowRealCloud));
        if (baseUrl is not null && RealCloud.IsRealCloudHost(baseUrl) && !allowRealCloud)
        {
            throw new ConfigurationException(
                $"{baseUrl.Host} is a real cloud endpoint: the run creates and deletes resources there; set {SettingNames.AllowRealCloud.Environment}=true to run on purpose");
        }

        return new SuiteSettings
        {
            RateLimit = rateLimit,
            RateLimitDisabled = rateLimitOff,
            RequestTimeout = TimeSpan.FromSeconds(timeout),
            AllowRealCloud = allowRealCloud,
            BaseUrl = baseUrl,
            Dialects = dialects,
            Region = region,
            AwsCredentials = credentials,
            NcpCredentials = ncpCredentials,
            ReportDirectory = Path.GetFullPath(Get(SettingNames.ReportDir) ?? Path.Combine(RepositoryPaths.Root, "TestResults", "conformance")),
            PropertyCases = cases,
            Replays = ParseReplays(Get(SettingNames.Replay)),
            OptInCategories = ParseCategories(Get(SettingNames.Categories)),
            RunId = ParseRunId(Get(SettingNames.RunId)),
            Expectations = Get(SettingNames.Expectations) is { } expectations
                ? ExpectationsFile.LoadSetting(expectations, KnownIds.Current(), DateOnly.FromDateTime(DateTime.UtcNow))
                : ExpectationSet.None,
        };
    }

    public static IReadOnlyDictionary<string, string> CurrentEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in SettingNames.All)
        {
            var value = Environment.GetEnvironmentVariable(name.Environment);
            if (value is not null)
            {
                result[name.Environment] = value;
            }
        }

        return result;
    }

    public static string NewRunId() =>
        string.Create(6, Random.Shared, static (span, random) =>
        {
            const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[random.Next(alphabet.Length)];
            }
        });

    private static Uri? ParseBaseUrl(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ConfigurationException(
                $"{SettingNames.BaseUrl.Environment}='{value}' is not an absolute http(s) URL: write it with its scheme, for example http://127.0.0.1:4566");
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new ConfigurationException(
                $"{SettingNames.BaseUrl.Environment} must not carry a query or user info: give scheme, host, port and an optional base path only");
        }

        return uri;
    }

    private static IReadOnlyList<string> ParseDialects(string? value, Uri? baseUrl)
    {
        if (value is null)
        {
            if (baseUrl is not null)
            {
                throw new ConfigurationException(
                    $"{SettingNames.BaseUrl.Environment} is set but {SettingNames.Dialects.Environment} is not: say which APIs the target serves, for example {SettingNames.Dialects.Environment}=aws-rest-v1");
            }

            return DialectNames.Implemented;
        }

        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            throw new ConfigurationException($"{SettingNames.Dialects.Environment} is empty: name at least one of {string.Join(", ", DialectNames.Known)}");
        }

        foreach (var name in names)
        {
            if (!DialectNames.Known.Contains(name))
            {
                throw new ConfigurationException(
                    $"{SettingNames.Dialects.Environment} names an unknown dialect '{name}': use {string.Join(", ", DialectNames.Known)}");
            }

            if (!DialectNames.Implemented.Contains(name))
            {
                throw new ConfigurationException(
                    $"{SettingNames.Dialects.Environment} names '{name}', which this version of the suite has no checks for yet: use {string.Join(", ", DialectNames.Implemented)}");
            }
        }

        return names.Distinct(StringComparer.Ordinal).ToArray();
    }

    private static AwsCredentials? ParseCredentials(string? accessKey, string? secret, string? token, TargetKind kind, IReadOnlyList<string> dialects)
    {
        var needsAws = dialects.Any(d => d.StartsWith("aws-", StringComparison.Ordinal));
        if (accessKey is null && secret is null)
        {
            if (token is not null)
            {
                throw new ConfigurationException(
                    $"{SettingNames.SessionToken.Environment} is set without {SettingNames.AccessKeyId.Environment} and {SettingNames.SecretAccessKey.Environment}: set all three, or none");
            }

            if (needsAws && kind == TargetKind.Remote)
            {
                throw new ConfigurationException(
                    $"the target is not on this machine and no AWS credentials are set: export {SettingNames.AccessKeyId.Environment} and {SettingNames.SecretAccessKey.Environment}");
            }

            return kind == TargetKind.Loopback ? LoopbackDefaultCredentials : null;
        }

        if (accessKey is null || secret is null)
        {
            var missing = accessKey is null ? SettingNames.AccessKeyId.Environment : SettingNames.SecretAccessKey.Environment;
            throw new ConfigurationException($"partial AWS credentials: {missing} is missing; set both the access key id and the secret key");
        }

        return new AwsCredentials(accessKey, secret, token);
    }

    private static NcpCredentials? ParseNcpCredentials(string? accessKey, string? secret, TargetKind kind, IReadOnlyList<string> dialects)
    {
        if (!dialects.Contains(DialectNames.Ncp) || kind == TargetKind.Embedded)
        {
            return null;
        }

        if ((accessKey is null) != (secret is null))
        {
            var missing = accessKey is null ? SettingNames.NcpAccessKey.Environment : SettingNames.NcpSecretKey.Environment;
            throw new ConfigurationException($"partial NCP credentials: {missing} is missing; set both the access key and the secret key");
        }

        if (accessKey is not null && secret is not null)
        {
            return new NcpCredentials(accessKey, secret);
        }

        return kind == TargetKind.Loopback
            ? LoopbackDefaultNcpCredentials
            : throw new ConfigurationException(
                $"the target is not on this machine and no NCP credentials are set: export {SettingNames.NcpAccessKey.Environment} and {SettingNames.NcpSecretKey.Environment}");
    }

    private static int? ParsePositiveInt(SettingName name, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1 || parsed > 10_000)
        {
            throw new ConfigurationException($"{name.Environment}='{value}' is not a whole number from 1 to 10000");
        }

        return parsed;
    }

    private static (Http.RateLimit? Limit, bool Off) ParseRateLimit(string? value)
    {
        if (value is null)
        {
            return (null, false);
        }

        if (value.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return (null, true);
        }

        return Http.RateLimit.TryParse(value, out var limit)
            ? (limit, false)
            : throw new ConfigurationException(
                $"{SettingNames.RateLimit.Environment}='{value}' is not '<requests per second>[,<burst>]' (for example 8,20) or 'off'");
    }

    private static string ParseRunId(string? value) =>
        value is null ? NewRunId()
        : Dialects.RunNaming.IsValidRunId(value) ? value
        : throw new ConfigurationException($"{SettingNames.RunId.Environment}='{value}' is not 4 to 8 lowercase letters or digits");

    private static bool ParseBool(SettingName name, string? value) => value?.ToLowerInvariant() switch
    {
        null or "false" or "0" or "no" => false,
        "true" or "1" or "yes" => true,
        _ => throw new ConfigurationException($"{name.Environment}='{value}' is not true or false"),
    };

    /// <summary>
    /// Accepts a replay as the suite prints it: the whole <c>STAGECONF_REPLAY='&lt;check id&gt;=&lt;seed&gt;,&lt;gamma&gt;,&lt;size&gt;'</c>
    /// (pasted into a run-settings file), or its value; several are separated by ';'.
    /// </summary>
    private static IReadOnlyDictionary<string, string> ParseReplays(string? value)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (value is null)
        {
            return result;
        }

        IReadOnlyDictionary<string, Check>? checks = null;
        foreach (var printed in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var entry = Unquote(printed);
            if (entry.StartsWith(SettingNames.Replay.Environment + "=", StringComparison.Ordinal))
            {
                entry = Unquote(entry[(SettingNames.Replay.Environment.Length + 1)..]);
            }

            var at = entry.LastIndexOf('=');
            if (at <= 0)
            {
                throw new ConfigurationException(
                    $"{SettingNames.Replay.Environment}='{printed}' is not '<check id>=<seed>,<gamma>,<size>' as a property failure prints it");
            }

            var (id, numbers) = (entry[..at].Trim(), entry[(at + 1)..].Trim());
            if (!PropertyReplay.TryParse(numbers, out _))
            {
                throw new ConfigurationException(
                    $"{SettingNames.Replay.Environment}: '{numbers}' is not '<seed>,<gamma>,<size>': three whole numbers, the second (FsCheck's gamma) odd, as a property failure prints them");
            }

            checks ??= DialectNames.Implemented.SelectMany(CheckCatalogue.For).ToDictionary(c => c.Id, StringComparer.Ordinal);
            if (!checks.TryGetValue(id, out var check))
            {
                throw new ConfigurationException(
                    $"{SettingNames.Replay.Environment} names '{id}', which is no check of this suite: copy the id as the failure prints it");
            }

            if (check.Kind != "property")
            {
                throw new ConfigurationException(
                    $"{SettingNames.Replay.Environment} names '{id}', which is not a property check: only property failures print a replay");
            }

            result[id] = numbers;
        }

        return result;
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && (text[0] == '\'' || text[0] == '"') && text[^1] == text[0] ? text[1..^1].Trim() : text.Trim();

    private static IReadOnlySet<string> ParseCategories(string? value)
    {
        string[] known = ["throttling", "auth", "billable"];
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (value is null)
        {
            return result;
        }

        foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!known.Contains(name))
            {
                throw new ConfigurationException(
                    $"{SettingNames.Categories.Environment} names an unknown category '{name}': use {string.Join(", ", known)}");
            }

            result.Add(name);
        }

        return result;
    }
}
