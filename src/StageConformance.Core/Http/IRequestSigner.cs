namespace StageConformance.Http;

/// <summary>Signs an outgoing request for one dialect (SigV4, NCP signature v2, ...).</summary>
public interface IRequestSigner
{
    void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, DateTimeOffset now, SigningMode mode);

    /// <summary>How a curl command reproduces the signing, with credentials as environment references.</summary>
    IReadOnlyList<string> CurlArguments(SigningMode mode);

    /// <summary>Shell commands that must run before curl, for a signature curl cannot compute itself.</summary>
    IReadOnlyList<string> ShellSetup(HttpExchange exchange) => [];
}
