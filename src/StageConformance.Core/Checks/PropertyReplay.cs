using System.Globalization;
using FsCheck;
using Microsoft.FSharp.Core;

namespace StageConformance.Checks;

/// <summary>The "seed,gamma,size" a property failure prints, turned back into an FsCheck replay.</summary>
public static class PropertyReplay
{
    public static bool TryParse(string text, out Replay? replay)
    {
        replay = null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 3
            || !ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var gamma)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || gamma % 2 == 0)
        {
            return false;
        }

        replay = new Replay(new Rnd(seed, gamma), FSharpOption<int>.Some(size));
        return true;
    }

    public static string Format(Rnd rnd, int size) =>
        string.Create(CultureInfo.InvariantCulture, $"{rnd.Seed},{rnd.Gamma},{size}");
}
