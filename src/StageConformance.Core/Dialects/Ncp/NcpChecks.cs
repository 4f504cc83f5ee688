using StageConformance.Checks;
using StageConformance.Http;
using StageConformance.Requirements;

namespace StageConformance.Dialects.Ncp;

/// <summary>The checks NCP has beyond the generic ones: a stale timestamp, an unknown product, the 401 and 429 bodies.</summary>
internal static class NcpChecks
{
    public const string AuthTimestamp = "ncp.auth.timestamp";

    public static IEnumerable<Check> For(DialectContract contract)
    {
        var requirements = contract.Requirements;
        var timestamp = requirements[AuthTimestamp];
        yield return new Check($"{AuthTimestamp}/stale", AuthTimestamp, contract.Dialect, "behaviour",
            $"a correctly signed CreateStage whose timestamp is {NcpRequestSigner.StaleBy.TotalMinutes} minutes old is refused ({string.Join('/', requirements.StatusesFor(Roles.Auth))}) and creates nothing",
            timestamp.Category, context => CheckCatalogue.AuthAsync(context, SigningMode.StaleTimestamp, AuthTimestamp));

        var notFound = requirements.RoleId(Roles.ParentNotFound);
        var statuses = requirements.StatusesFor(Roles.ParentNotFound);
        yield return new Check($"{notFound}/unknown-product", notFound, contract.Dialect, "behaviour",
            $"CreateStage under a product id that does not exist is answered {Verify.Statuses(statuses)}", requirements[notFound].Category,
            async context => Verify.Status(await Api(context).CreateStageOnMissingProductAsync(CheckCatalogue.MinimalWithName(context, out _)), statuses, notFound));

        var encoding = requirements.RoleId(Roles.ErrorEncoding);
        var refused = requirements.StatusesFor(Roles.Auth);
        yield return new Check($"{encoding}/{string.Join("-or-", refused)}-wrong-signature", encoding, contract.Dialect, "behaviour",
            "the error for a wrong signature names a documented gateway code and has the documented body", requirements[encoding].Category,
            context => CheckCatalogue.ErrorEncodingAsync(context, async c =>
            {
                var body = CheckCatalogue.MinimalWithName(c, out var name);
                var answer = await c.Api.CreateStageAsync(body, SigningMode.WrongSecret);
                return (answer, refused, async () =>
                {
                    if (answer.Status is >= 200 and < 300)
                    {
                        await c.Api.DeleteStageAsync(name);
                    }
                });
            }));

        var throttling = requirements.RoleId(Roles.Throttling);
        yield return new Check($"{encoding}/429-throttled", encoding, contract.Dialect, "behaviour",
            "the error for a throttled request names a documented gateway code and has the documented body", requirements[throttling].Category,
            context => CheckCatalogue.ErrorEncodingAsync(context, async c =>
            {
                var answers = await CheckCatalogue.BurstAsync(c);
                return (answers.FirstOrDefault(a => a.Status == 429) ?? answers[^1], [429], () => Task.CompletedTask);
            }));
    }

    private static NcpStageApi Api(CheckContext context) =>
        context.Api as NcpStageApi ?? throw new InvalidOperationException($"the ncp checks run on the ncp adapter, not {context.Api.GetType().Name}");
}
