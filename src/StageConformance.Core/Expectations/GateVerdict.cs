namespace StageConformance.Expectations;

/// <summary>What one result means for the run once the target's expectations are applied.</summary>
public enum GateVerdict
{
    Passed,

    /// <summary>Passed although an expectation says it fails: the expectation should be removed. Does not fail the run.</summary>
    UnexpectedPass,

    /// <summary>Failed as an expectation says. Does not fail the run.</summary>
    ExpectedFailure,

    /// <summary>Failed with no expectation covering it: fails the run.</summary>
    NewFailure,

    /// <summary>No verdict (target or suite fault): fails the run; an expectation can only skip such a check.</summary>
    Error,

    Skipped,

    /// <summary>Not run because an expectation says skip.</summary>
    ExpectedSkip,
}

public static class GateVerdicts
{
    public static string Name(GateVerdict verdict) => verdict switch
    {
        GateVerdict.Passed => "passed",
        GateVerdict.UnexpectedPass => "unexpected-pass",
        GateVerdict.ExpectedFailure => "expected-failure",
        GateVerdict.NewFailure => "new-failure",
        GateVerdict.Error => "error",
        GateVerdict.Skipped => "skipped",
        GateVerdict.ExpectedSkip => "expected-skip",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    public static bool FailsRun(GateVerdict verdict) => verdict is GateVerdict.NewFailure or GateVerdict.Error;
}
