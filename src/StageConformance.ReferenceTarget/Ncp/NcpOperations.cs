using System.Globalization;
using System.Text.Json.Nodes;
using static StageConformance.ReferenceTarget.Ncp.NcpMutantIds;

namespace StageConformance.ReferenceTarget.Ncp;

/// <summary>Products, APIs and stages: Create stage as seed 004 documents it, and just enough around it to provision and clean up.</summary>
internal sealed class NcpOperations(TargetContext target, NcpState state)
{
    private const string TenantId = "5fd2a1b0c3e44f0e9b7d6a5c4e3f2a10";
    private static readonly string[] SubscriptionCodes = ["PUBLIC", "PROTECTED"];

    public ApiResult CreateProduct(byte[] body)
    {
        var members = JsonMembers.Parse(body);
        var name = members.String("productName");
        if (name is null || name.Length is < 1 or > 100)
        {
            throw ApiException.BadRequest("productName must be 1 to 100 characters");
        }

        var subscription = members.String("subscriptionCode");
        if (subscription is null || !SubscriptionCodes.Contains(subscription))
        {
            throw ApiException.BadRequest("subscriptionCode must be PUBLIC or PROTECTED");
        }

        var product = new NcpProduct(TargetContext.NewId(), name, subscription, members.String("description"), TargetContext.Now);
        lock (state.Gate)
        {
            state.Products.Add(product.Id, product);
        }

        return ApiResult.Created(new JsonObject
        {
            ["product"] = new JsonObject
            {
                ["productId"] = product.Id,
                ["productName"] = product.Name,
                ["productDescription"] = product.Description,
                ["subscriptionCode"] = product.SubscriptionCode,
                ["isPublished"] = false,
                ["isDeleted"] = false,
                ["tenantId"] = TenantId,
                ["modTime"] = Time(product.ModTime),
            },
        });
    }

    public ApiResult DeleteProduct(string productId)
    {
        lock (state.Gate)
        {
            _ = Product(productId);
            state.Products.Remove(productId);
            return NoContent;
        }
    }

    public ApiResult CreateApi(string productId, byte[] body)
    {
        var members = JsonMembers.Parse(body);
        var name = members.String("apiName");
        if (name is null || !NcpStageRules.ApiName().IsMatch(name))
        {
            throw ApiException.BadRequest("apiName must be 1 to 20 English letters, numbers, '-' or '_'");
        }

        lock (state.Gate)
        {
            var product = Product(productId);
            var api = new NcpApi(TargetContext.NewId(), product.Id, name, members.String("apiDescription"), TargetContext.Now);
            product.Apis.Add(api.Id, api);
            return ApiResult.Created(new JsonObject
            {
                ["api"] = new JsonObject
                {
                    ["productId"] = api.ProductId,
                    ["apiId"] = api.Id,
                    ["apiName"] = api.Name,
                    ["apiDescription"] = api.Description,
                    ["tenantId"] = TenantId,
                    ["modTime"] = Time(api.ModTime),
                    ["isDeleted"] = false,
                    ["domainCode"] = "PUB",
                },
            });
        }
    }

    public ApiResult DeleteApi(string productId, string apiId)
    {
        lock (state.Gate)
        {
            var product = Product(productId);
            _ = Api(product, apiId);
            product.Apis.Remove(apiId);
            return NoContent;
        }
    }

    public ApiResult CreateStage(string productId, string apiId, byte[] body)
    {
        lock (state.Gate)
        {
            var api = ApiForCreate(productId, apiId);
            var request = NcpCreateStageRequest.Read(body, coerce: target.Deviates(Types));
            var stageName = request.StageName
                ?? (target.Deviates(StageNameRequired) ? "stage-" + TargetContext.NewId(8) : throw ApiException.BadRequest("stageName is required"));
            var endpointDomain = request.EndpointDomain
                ?? (target.Deviates(EndpointDomainRequired) ? "NONE" : throw ApiException.BadRequest("endpointDomain is required"));
            try
            {
                NcpStageRules.Check(request, stageName, target.Deviates);
            }
            catch (ApiException e) when (e.Status == 400 && target.Deviates(RejectedNothingCreated)
                && request.StageName is { } requested && !api.HasStageNamed(requested))
            {
                Store(api, new NcpStage(TargetContext.NewId(), api.Id, requested, endpointDomain, TargetContext.Now));
                throw;
            }

            if (api.HasStageNamed(stageName) && !target.Deviates(DuplicateRejected))
            {
                throw ApiException.BadRequest($"stageName '{stageName}' already exists in this API");
            }

            var stage = new NcpStage(TargetContext.NewId(), api.Id, stageName, endpointDomain, TargetContext.Now)
            {
                CacheTtlSec = request.CacheTtlSec,
                ThrottleRps = request.ThrottleRps,
                Response = request.Response,
                DeploymentDescription = request.DeploymentDescription,
                IsMaintenance = request.IsMaintenance ?? false,
                EnabledContentEncoding = request.EnabledContentEncoding ?? false,
                MinimumCompressionSize = request.MinimumCompressionSize,
                IpAclCode = request.IpAclCode,
                IpAclList = request.IpAclList,
                StatusCode = request.StatusCode,
            };
            Store(api, stage);
            return new(target.Deviates(CreateStatus) ? 200 : 201, Envelope(stage, StageView.Created));
        }
    }

    public ApiResult GetStage(string productId, string apiId, string stageId)
    {
        lock (state.Gate)
        {
            return ApiResult.Ok(Envelope(Stage(Api(Product(productId), apiId), stageId), StageView.Single));
        }
    }

    public ApiResult ListStages(string productId, string apiId)
    {
        lock (state.Gate)
        {
            var product = Product(productId);
            var api = Api(product, apiId);
            var listed = api.Stages.Values.Concat(api.DeletedStages).Select(s => (JsonNode)new JsonObject
            {
                ["stageId"] = s.Id,
                ["stageName"] = s.Name,
                ["isCanary"] = false,
                ["resourceDtos"] = new JsonArray(),
            });
            return ApiResult.Ok(new JsonObject { ["host"] = $"{product.Id}.apigw.ntruss.com", ["stages"] = new JsonArray([.. listed]) });
        }
    }

    public ApiResult DeleteStage(string productId, string apiId, string stageId)
    {
        lock (state.Gate)
        {
            var api = Api(Product(productId), apiId);
            var stage = Stage(api, stageId);
            api.Stages.Remove(stageId);
            if (target.Deviates(Lifecycle))
            {
                api.DeletedStages.Add(stage);
            }

            return NoContent;
        }
    }

    private static readonly ApiResult NoContent = new(204, null);

    private static void Store(NcpApi api, NcpStage stage) => api.Stages.Add(stage.Id, stage);

    private NcpProduct Product(string productId) =>
        state.Products.TryGetValue(productId, out var product) ? product : throw ApiException.NotFound($"product {productId} not found");

    private static NcpApi Api(NcpProduct product, string apiId) =>
        product.Apis.TryGetValue(apiId, out var api) ? api : throw ApiException.NotFound($"API {apiId} not found in product {product.Id}");

    private static NcpStage Stage(NcpApi api, string stageId) =>
        api.Stages.TryGetValue(stageId, out var stage) ? stage : throw ApiException.NotFound($"stage {stageId} not found");

    private NcpApi ApiForCreate(string productId, string apiId)
    {
        try
        {
            return Api(Product(productId), apiId);
        }
        catch (ApiException e) when (e.Status == 404 && target.Deviates(ParentNotFound))
        {
            throw ApiException.BadRequest(e.Message);
        }
    }

    private JsonObject Envelope(NcpStage stage, StageView view)
    {
        var json = new JsonObject
        {
            ["tenantId"] = TenantId,
            ["modifier"] = TenantId,
            ["stageId"] = stage.Id,
        };
        if (!target.Deviates(StageShape))
        {
            json["apiId"] = stage.ApiId;
        }

        json["stageName"] = stage.Name;
        json["endpointDomain"] = stage.EndpointDomain;
        json["regTime"] = target.Deviates(Timestamps) ? JsonValue.Create(stage.RegTime.ToUnixTimeMilliseconds()) : Time(stage.RegTime);
        json["isMaintenance"] = stage.IsMaintenance;
        json["enabledContentEncoding"] = stage.EnabledContentEncoding;
        Optional(json, "cacheTtlSec", stage.CacheTtlSec);
        if (!(view == StageView.Single && target.Deviates(GetAgrees)))
        {
            Optional(json, "throttleRps", stage.ThrottleRps);
        }

        if (stage.Response is not null && !(view == StageView.Created && target.Deviates(Echo)))
        {
            json["response"] = stage.Response;
        }

        Optional(json, "minimumCompressionSize", stage.MinimumCompressionSize);
        if (stage.IpAclCode is not null)
        {
            json["ipAclCode"] = stage.IpAclCode;
        }

        if (stage.IpAclList is not null)
        {
            json["ipAclList"] = stage.IpAclList;
        }

        Optional(json, "statusCode", stage.StatusCode);
        return new JsonObject { ["stage"] = json };
    }

    private static void Optional(JsonObject json, string member, long? value)
    {
        if (value is { } number)
        {
            json[member] = number;
        }
    }

    private static JsonNode Time(DateTimeOffset time) =>
        JsonValue.Create(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
