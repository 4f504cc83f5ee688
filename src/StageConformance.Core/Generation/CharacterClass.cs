using System.Text;

namespace StageConformance.Generation;

/// <summary>
/// The alphabet of an anchored single-class pattern (<c>^[...]+$</c>, <c>^[...]*$</c>): the only
/// pattern shape the generators understand. Any other pattern is rejected when the schema loads,
/// so a constraint can never be silently left without generated cases.
/// </summary>
public sealed record CharacterClass(string Alphabet, int MinimumLength)
{
    /// <summary>Characters tried, in order, when a value must break the pattern with one character.</summary>
    private const string Outsiders = " .!$*@%()[]{}|^'\"+";

    public static bool TryParse(string pattern, out CharacterClass? result)
    {
        result = null;
        if (!pattern.StartsWith("^[", StringComparison.Ordinal) || pattern.Length < 5)
        {
            return false;
        }

        var close = pattern.LastIndexOf(']');
        var tail = pattern[(close + 1)..];
        int minimum;
        switch (tail)
        {
            case "+$":
                minimum = 1;
                break;
            case "*$":
                minimum = 0;
                break;
            default:
                return false;
        }

        var body = pattern[2..close];
        if (body.StartsWith('^'))
        {
            return false;
        }

        var chars = new SortedSet<char>();
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '\\' && i + 1 < body.Length)
            {
                c = body[++i];
            }

            if (i + 2 < body.Length && body[i + 1] == '-' && body[i + 2] != ']')
            {
                var end = body[i + 2];
                for (var x = c; x <= end; x++)
                {
                    chars.Add(x);
                }

                i += 2;
                continue;
            }

            chars.Add(c);
        }

        result = new CharacterClass(new string([.. chars]), minimum);
        return true;
    }

    /// <summary>Allowed characters that are not letters or digits: a valid value carrying all of them probes the edge of the class.</summary>
    public string Specials => new(Alphabet.Where(c => !char.IsAsciiLetterOrDigit(c)).ToArray());

    /// <summary>
    /// Characters the sources disagree on (x-disputed-characters): left out of valid values and never used to
    /// break the pattern, so no target is judged on them either way (docs/DECISIONS.md E3).
    /// </summary>
    public string Disputed { get; init; } = "";

    /// <summary>The class without the disputed characters: what every source allows.</summary>
    public CharacterClass WithoutDisputed(string disputed) =>
        disputed.Length == 0 ? this : new CharacterClass(new string(Alphabet.Where(c => !disputed.Contains(c)).ToArray()), MinimumLength) { Disputed = disputed };

    public char Outsider => Outsiders.FirstOrDefault(c => !Alphabet.Contains(c) && !Disputed.Contains(c)) is var c && c != default
        ? c
        : throw new InvalidOperationException("no character outside the class [" + Alphabet + "] to break it with");

    public string Fill(int length, int seed = 0)
    {
        var letters = Alphabet.Where(char.IsAsciiLetterOrDigit).ToArray();
        var pool = letters.Length > 0 ? letters : Alphabet.ToCharArray();
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(pool[(i + seed) % pool.Length]);
        }

        return builder.ToString();
    }
}
