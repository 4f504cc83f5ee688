using System.Text;
using System.Text.RegularExpressions;

namespace StageConformance.Schemas;

/// <summary>
/// JSON Schema patterns are ECMA-262 regular expressions. .NET's default dialect differs in ways that let bad
/// values through: <c>\d</c> and <c>\w</c> match non-ASCII digits and letters, and <c>$</c> also matches before a
/// final "\n". RegexOptions.ECMAScript fixes the classes; <c>$</c> is rewritten to <c>\z</c>.
/// Remaining known gap: <c>\s</c> is ASCII-only here but Unicode-aware in ECMA-262.
/// </summary>
internal static class EcmaRegex
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    public static Regex Create(string pattern) =>
        new(Translate(pattern), RegexOptions.ECMAScript | RegexOptions.CultureInvariant, MatchTimeout);

    private static string Translate(string pattern)
    {
        var result = new StringBuilder(pattern.Length + 4);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                result.Append(c).Append(pattern[++i]);
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == '$')
            {
                result.Append(@"\z");
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
