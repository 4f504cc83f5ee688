namespace StageConformance.Dialects;

/// <summary>The target refused a call the suite needs before any check can run.</summary>
public sealed class ProvisioningException(string message) : Exception(message);
