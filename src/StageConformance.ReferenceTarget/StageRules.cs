using System.Globalization;
using System.Text.RegularExpressions;

namespace StageConformance.ReferenceTarget;

/// <summary>The value rules for stages, shared by CreateStage and CreateDeployment(stageName). Message texts are AWS's where known.</summary>
internal static partial class StageRules
{
    public const int MaxStageNameLength = 128;
    public const int MaxTagKeyLength = 128;
    public const int MaxTagValueLength = 256;

    public static readonly IReadOnlyList<string> CacheClusterSizes = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"];

    public static void CheckStageName(string name, bool maxLength = true, bool charset = true)
    {
        var length = CodePoints(name);
        if (length == 0 || (maxLength && length > MaxStageNameLength))
        {
            throw ApiException.BadRequest($"Stage name must be between 1 and {MaxStageNameLength} characters long");
        }

        // AWS's text leaves out the hyphen although hyphens are accepted.
        if (charset && !StageName().IsMatch(name))
        {
            throw ApiException.BadRequest("Stage name only allows a-zA-Z0-9_");
        }
    }

    public static void CheckCacheClusterSize(string size)
    {
        if (!CacheClusterSizes.Contains(size))
        {
            throw ApiException.Validation(
                $"1 validation error detected: Value '{size}' at 'createStageInput.cacheClusterSize' failed to satisfy constraint: "
                + $"Member must satisfy enum value set: [{string.Join(", ", CacheClusterSizes)}]");
        }
    }

    public static void CheckVariables(IEnumerable<KeyValuePair<string, string?>> variables, bool names = true, bool values = true)
    {
        foreach (var (name, value) in variables)
        {
            if (names && !VariableName().IsMatch(name))
            {
                throw ApiException.BadRequest($"Invalid stage variable name: {name}.  Please use names with only word characters.");
            }

            if (values && (value is null || !VariableValue().IsMatch(value)))
            {
                throw ApiException.BadRequest(
                    $"Invalid stage variable value: {value}.  Please use values with alphanumeric characters and the symbols ' ', -', '.', '_', ':', '/', '?', '&', '=', and ','.");
            }
        }
    }

    public static void CheckTags(IEnumerable<KeyValuePair<string, string?>> tags, bool keyPrefixIgnoresCase = true, bool keyLength = true, bool valueLength = true)
    {
        foreach (var (key, value) in tags)
        {
            if (key.StartsWith("aws:", keyPrefixIgnoresCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                throw ApiException.BadRequest("Invalid tag key. Tag keys cannot start with 'aws:' (case insensitive)");
            }

            if (keyLength && CodePoints(key) > MaxTagKeyLength)
            {
                throw ApiException.BadRequest($"Invalid tag key. Tag keys can be at most {MaxTagKeyLength} characters long");
            }

            if (valueLength && CodePoints(value ?? "") > MaxTagValueLength)
            {
                throw ApiException.BadRequest($"Invalid tag value. Tag values can be at most {MaxTagValueLength} characters long");
            }
        }
    }

    public static void CheckPercentTraffic(double percent)
    {
        if (percent is < 0 or > 100)
        {
            throw ApiException.BadRequest(
                $"Invalid canary percentTraffic {percent.ToString(CultureInfo.InvariantCulture)}: must be between 0.0 and 100.0");
        }
    }

    private static int CodePoints(string text) => text.EnumerateRunes().Count();

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex(@"\A[A-Za-z0-9_-]+\z")]
    private static partial Regex StageName();

    [GeneratedRegex(@"\A[A-Za-z0-9_]+\z")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"\A[A-Za-z0-9._~:/?#&=,-]+\z")]
    private static partial Regex VariableValue();
}
