using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace StageConformance.Schemas;

/// <summary>
/// RFC 3339 section 5.6 <c>date-time</c>: full date, "T", full time, and a mandatory offset. Registered as
/// JsonSchema.Net's <c>date-time</c> format because the library's own accepts dates that do not exist
/// (2023-02-29, measured on 7.4.0); the keyword stays the library's.
/// </summary>
internal static partial class DateTimeFormat
{
    private static int registered;

    /// <summary>Replaces the library's <c>date-time</c> (process-wide: formats are a static registry); before any schema is read.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 0)
        {
            Formats.Register(new PredicateFormat(
                "date-time", node => node is not JsonValue value || !value.TryGetValue<string>(out var text) || IsValid(text)));
        }
    }

    [GeneratedRegex(
        @"^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(?:[Zz]|[+-]([0-9]{2}):([0-9]{2}))\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    public static bool IsValid(string value)
    {
        var match = Rfc3339().Match(value);
        if (!match.Success)
        {
            return false;
        }

        int Part(int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

        var (year, month, day) = (Part(1), Part(2), Part(3));
        if (month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month))
        {
            return false;
        }

        // Second 60 is a leap second, which RFC 3339 allows.
        if (Part(4) > 23 || Part(5) > 59 || Part(6) > 60)
        {
            return false;
        }

        return !match.Groups[7].Success || (Part(7) <= 23 && Part(8) <= 59);
    }

    // Not DateTime.DaysInMonth: RFC 3339 allows year 0000, which DateTime cannot represent.
    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };
}
