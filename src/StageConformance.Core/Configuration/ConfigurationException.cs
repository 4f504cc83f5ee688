namespace StageConformance.Configuration;

/// <summary>A setting that stops the run before any check; the message is one line saying what to fix.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
