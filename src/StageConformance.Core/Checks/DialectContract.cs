using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using StageConformance.Generation;
using StageConformance.Infrastructure;
using StageConformance.Requirements;
using StageConformance.Schemas;

namespace StageConformance.Checks;

/// <summary>The documented status and error types of one operation, read from the dialect's OpenAPI fragment.</summary>
public sealed record OperationContract(
    string OperationId,
    string Method,
    string PathTemplate,
    int SuccessStatus,
    IReadOnlyDictionary<int, IReadOnlyList<string>> ErrorTypes)
{
    public bool Documents(int status) => status == SuccessStatus || ErrorTypes.ContainsKey(status);

    public IReadOnlyList<string> TypesFor(int status) => ErrorTypes.TryGetValue(status, out var types) ? types : [];
}

/// <summary>Everything schemas/&lt;dialect&gt;/ says: requirements, request model, response schemas, operations.</summary>
public sealed class DialectContract
{
    private readonly Dictionary<string, OperationContract> operations;

    private DialectContract(string dialect, string folder)
    {
        Dialect = dialect;
        Requirements = RequirementCatalogue.Load(dialect);
        Request = RequestModel.Load(Path.Combine(folder, "create-stage.request.schema.json"));
        RequestSchema = SchemaValidator.Load(Path.Combine(folder, "create-stage.request.schema.json"));
        StageSchema = SchemaValidator.Load(Path.Combine(folder, "stage.response.schema.json"));
        StageListSchema = SchemaValidator.Load(Path.Combine(folder, "stages.response.schema.json"));
        ErrorSchema = SchemaValidator.Load(Path.Combine(folder, "error.response.schema.json"));
        operations = LoadOperations(Path.Combine(folder, "operations.openapi.json"));
    }

    public string Dialect { get; }

    public RequirementCatalogue Requirements { get; }

    public RequestModel Request { get; }

    public SchemaValidator RequestSchema { get; }

    public SchemaValidator StageSchema { get; }

    public SchemaValidator StageListSchema { get; }

    public SchemaValidator ErrorSchema { get; }

    public OperationContract CreateStage => Operation("CreateStage");

    public OperationContract GetStage => Operation("GetStage");

    public OperationContract GetStages => Operation("GetStages");

    public OperationContract DeleteStage => Operation("DeleteStage");

    public OperationContract Operation(string operationId) =>
        operations.TryGetValue(operationId, out var operation)
            ? operation
            : throw new InvalidDataException($"schemas/{Dialect}/operations.openapi.json has no operation '{operationId}'");

    private static readonly Dictionary<string, DialectContract> Cache = new(StringComparer.Ordinal);

    public static DialectContract Load(string dialect)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(dialect, out var contract))
            {
                contract = new DialectContract(dialect, Path.Combine(RepositoryPaths.Schemas, dialect));
                Cache[dialect] = contract;
            }

            return contract;
        }
    }

    private static Dictionary<string, OperationContract> LoadOperations(string path)
    {
        var read = OpenApiDocument.Parse(File.ReadAllText(path), "json", new OpenApiReaderSettings());
        if (read.Diagnostic?.Errors.Count > 0 || read.Document is null)
        {
            throw new InvalidDataException($"{path}: {string.Join("; ", read.Diagnostic?.Errors.Select(e => e.ToString()) ?? [])}");
        }

        var result = new Dictionary<string, OperationContract>(StringComparer.Ordinal);
        foreach (var (template, item) in read.Document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var statuses = operation.Responses!.ToDictionary(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture), r => r.Value);
                var success = statuses.Keys.Single(s => s is >= 200 and < 300);
                var errors = statuses
                    .Where(s => s.Key >= 400)
                    .ToDictionary(s => s.Key, s => ErrorTypes(s.Value));
                result[operation.OperationId!] = new OperationContract(operation.OperationId!, method.Method, template, success, errors);
            }
        }

        return result;
    }

    private static IReadOnlyList<string> ErrorTypes(IOpenApiResponse response)
    {
        if (response.Extensions is null || !response.Extensions.TryGetValue("x-error-types", out var extension))
        {
            return [];
        }

        var node = (extension as JsonNodeExtension)?.Node as JsonArray;
        return node?.Select(n => n!.GetValue<string>()).ToList() ?? [];
    }
}
