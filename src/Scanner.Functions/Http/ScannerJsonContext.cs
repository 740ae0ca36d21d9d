using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog.Models;
using Scanner.Application.Changes;
using Scanner.Application.Health;
using Scanner.Application.Subscribers;
using Scanner.Application.Updates.Models;
using Scanner.Application.Webhooks;
using Scanner.Functions.Http.Models;

namespace Scanner.Functions.Http;

/// <summary>Every JSON shape the HTTP functions read or write, source-generated: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(ExtensionList))]
[JsonSerializable(typeof(ExtensionDetail))]
[JsonSerializable(typeof(UpdateCheckRequest))]
[JsonSerializable(typeof(UpdateCheckResponse))]
[JsonSerializable(typeof(ChangesPage))]
[JsonSerializable(typeof(DockerHubPayload))]
[JsonSerializable(typeof(WebhookAnswer))]
[JsonSerializable(typeof(AllowListResponse))]
[JsonSerializable(typeof(AllowListEntryResponse))]
[JsonSerializable(typeof(NoteRequest))]
[JsonSerializable(typeof(BlockedVersion))]
[JsonSerializable(typeof(ScanTriggerRequest))]
[JsonSerializable(typeof(ScanTriggerResponse))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(SubscriberRequest))]
[JsonSerializable(typeof(SubscriberInfo))]
[JsonSerializable(typeof(SubscriberListResponse))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
public sealed partial class ScannerJsonContext : JsonSerializerContext;
