using System.Text;
using System.Text.Json;
using StageConformance.Infrastructure;
using StageConformance.Signing;

namespace StageConformance.SelfTests.Signing;

/// <summary>One aws-c-auth case folder under <c>Signing/vectors/sigv4</c> (copied into the repository); its README describes the files.</summary>
internal sealed record SigV4Vector(string Name, SigV4VectorContext Context)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Root => Path.Combine(RepositoryPaths.Root, "tests", "StageConformance.SelfTests", "Signing", "vectors", "sigv4");

    public RawHttpRequest Request => RawHttpRequest.Parse(Read("request.txt"));

    public RawHttpRequest HeaderSignedRequest => RawHttpRequest.Parse(Read("header-signed-request.txt"));

    public AwsCredentials Credentials =>
        new(Context.Credentials.AccessKeyId, Context.Credentials.SecretAccessKey, Context.Credentials.Token);

    public static SigV4Vector Load(string name)
    {
        var context = JsonSerializer.Deserialize<SigV4VectorContext>(File.ReadAllText(Path.Combine(Root, name, "context.json")), JsonOptions)
            ?? throw new InvalidDataException($"{name}/context.json is empty");
        return new SigV4Vector(name, context);
    }

    public SigV4Signer CreateSigner() =>
        new(Credentials, Context.Region, Context.Service) { SignBody = Context.SignBody };

    /// <summary>The file as UTF-8 with every <c>\r</c> removed, as the aws-c-auth harness compares it.</summary>
    public string Read(string file) =>
        Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(Root, Name, file))).Replace("\r", "", StringComparison.Ordinal);
}

internal sealed record SigV4VectorContext(
    SigV4VectorCredentials Credentials,
    bool Normalize,
    string Region,
    string Service,
    bool SignBody,
    DateTimeOffset Timestamp,
    bool OmitSessionToken);

internal sealed record SigV4VectorCredentials(string AccessKeyId, string SecretAccessKey, string? Token);
