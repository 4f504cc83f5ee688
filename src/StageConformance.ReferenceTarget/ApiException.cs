namespace StageConformance.ReferenceTarget;

/// <summary>An error answer: status, the x-amzn-ErrorType value, the message and, for v2 NotFoundException, the resource type.</summary>
internal sealed class ApiException(int status, string errorType, string message, string? resourceType = null) : Exception(message)
{
    public int Status { get; } = status;

    public string ErrorType { get; } = errorType;

    public string? ResourceType { get; } = resourceType;

    public static ApiException BadRequest(string message) => new(400, "BadRequestException", message);

    public static ApiException NotFound(string message, string? resourceType = null) => new(404, "NotFoundException", message, resourceType);

    public static ApiException Conflict(string message) => new(409, "ConflictException", message);

    public static ApiException Serialization(string message) => new(400, "SerializationException", message);

    public static ApiException Validation(string message) => new(400, "ValidationException", message);
}
