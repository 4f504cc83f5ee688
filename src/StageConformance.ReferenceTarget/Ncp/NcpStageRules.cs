using System.Text.RegularExpressions;

namespace StageConformance.ReferenceTarget.Ncp;

/// <summary>Seed 004's value rules for Create stage, each one switchable off by its requirement's mutant.</summary>
internal static partial class NcpStageRules
{
    public const int MaxStageNameLength = 20;
    public const int MaxResponseLength = 1500;

    public static readonly IReadOnlyList<string> IpAclCodes = ["ALLOWED", "REJECTED"];

    public static void Check(NcpCreateStageRequest request, string stageName, Func<string, bool> deviates)
    {
        var length = CodePoints(stageName);
        if (length == 0 || (length > MaxStageNameLength && !deviates(NcpMutantIds.StageNameLength)))
        {
            throw ApiException.BadRequest($"stageName must be 1 to {MaxStageNameLength} characters");
        }

        if (!deviates(NcpMutantIds.StageNameCharset) && !StageName().IsMatch(stageName))
        {
            throw ApiException.BadRequest("stageName allows English letters, numbers, '-' and '_' only");
        }

        Range("cacheTtlSec", request.CacheTtlSec, 1, 3600, deviates(NcpMutantIds.CacheTtlSecRange));
        Range("throttleRps", request.ThrottleRps, 1, int.MaxValue, deviates(NcpMutantIds.ThrottleRpsRange));
        if (request.Response is { } response && CodePoints(response) > MaxResponseLength && !deviates(NcpMutantIds.ResponseLength))
        {
            throw ApiException.BadRequest($"response must be 0 to {MaxResponseLength} characters");
        }

        Range("statusCode", request.StatusCode, 100, 599, deviates(NcpMutantIds.StatusCodeRange));
        Range("minimumCompressionSize", request.MinimumCompressionSize, 0, 10_485_760, deviates(NcpMutantIds.MinimumCompressionSizeRange));
        if (request.MinimumCompressionSize is not null && request.EnabledContentEncoding != true && !deviates(NcpMutantIds.MinimumCompressionSizeNeedsEncoding))
        {
            throw ApiException.BadRequest("minimumCompressionSize needs enabledContentEncoding set to true");
        }

        if (request.IpAclCode is { } code && !IpAclCodes.Contains(code) && !deviates(NcpMutantIds.IpAclCodeEnum))
        {
            throw ApiException.BadRequest("ipAclCode must be ALLOWED or REJECTED");
        }

        if (request.IpAclCode is not null && request.IpAclList is null && !deviates(NcpMutantIds.IpAclListRequiredWithCode))
        {
            throw ApiException.BadRequest("ipAclList is required when ipAclCode is given");
        }

        if (request.IpAclList is not null && request.IpAclCode is null && !deviates(NcpMutantIds.IpAclCodeRequiredWithList))
        {
            throw ApiException.BadRequest("ipAclCode is required when ipAclList is given");
        }
    }

    private static void Range(string member, long? value, long minimum, long maximum, bool skipped)
    {
        if (value is { } number && (number < minimum || number > maximum) && !skipped)
        {
            throw ApiException.BadRequest($"{member} must be {minimum} to {maximum}");
        }
    }

    private static int CodePoints(string text) => text.EnumerateRunes().Count();

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex(@"\A[A-Za-z0-9_-]+\z")]
    private static partial Regex StageName();

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,20}\z")]
    public static partial Regex ApiName();
}
