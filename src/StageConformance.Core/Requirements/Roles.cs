namespace StageConformance.Requirements;

/// <summary>The roles generic checks judge; each dialect's requirements.json gives them its own ids and citations.</summary>
public static class Roles
{
    public const string CreateStatus = "create-status";
    public const string StageShape = "stage-shape";
    public const string Echo = "echo";
    public const string GetAgrees = "get-agrees";
    public const string Timestamps = "timestamps";
    public const string RejectedNothingCreated = "rejected-nothing-created";
    public const string DuplicateConflict = "duplicate-conflict";
    public const string ParentNotFound = "parent-not-found";
    public const string ErrorEncoding = "error-encoding";
    public const string Lifecycle = "lifecycle";
    public const string Throttling = "throttling";
    public const string Auth = "auth";

    /// <summary>What a role's check accepts when the dialect's requirement names no "statuses".</summary>
    public static IReadOnlyList<int> DefaultStatuses(string role) => role switch
    {
        DuplicateConflict => [409],
        ParentNotFound => [404],
        Auth => [401, 403],
        _ => throw new ArgumentException($"the check of role '{role}' judges no status list", nameof(role)),
    };
}
