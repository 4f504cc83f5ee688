namespace StageConformance.Dialects;

/// <summary>The target refused a call the suite needs before a check can run (provisioning is not under test).</summary>
/// <param name="missingOperation">The target lacks the operation (404, 405, 501 or a web page): the checks that need it are skipped, not errors.</param>
public sealed class ProvisioningException(string message, bool missingOperation = false) : Exception(message)
{
    public bool MissingOperation { get; } = missingOperation;
}
