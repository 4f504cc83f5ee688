using System.Text.RegularExpressions;

namespace StageConformance.Dialects;

/// <summary>How the suite names what it creates, so a sweep can find its leftovers and touch nothing else.</summary>
public static partial class RunNaming
{
    public const string Prefix = "stageconf-";

    public const string TagKey = "stageconf:run";

    /// <summary>Run ids are short lowercase alphanumerics: they must fit inside every dialect's stage-name rules.</summary>
    public static bool IsValidRunId(string runId) => RunIdPattern().IsMatch(runId);

    public static string ParentName(string runId) => Prefix + runId;

    public static bool IsSuiteResource(string name) => SuiteNamePattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]{4,8}$")]
    private static partial Regex RunIdPattern();

    [GeneratedRegex("^stageconf-[a-z0-9]{4,8}$")]
    private static partial Regex SuiteNamePattern();
}
