using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Scanner.Functions.Api.Models;
using Scanner.Functions.CustomHandler;
using Scanner.Application.Subscribers;
using Scanner.Messaging.Subscribers;

namespace Scanner.Functions.Api;

/// <summary>Every JSON shape the app reads or writes, source-generated: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    AllowTrailingCommas = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(ExtensionList))]
[JsonSerializable(typeof(ExtensionDetail))]
[JsonSerializable(typeof(UpdateCheckRequest))]
[JsonSerializable(typeof(UpdateCheckResponse))]
[JsonSerializable(typeof(ChangesResponse))]
[JsonSerializable(typeof(DockerHubPayload))]
[JsonSerializable(typeof(WebhookResponse))]
[JsonSerializable(typeof(AllowListResponse))]
[JsonSerializable(typeof(AllowListEntryResponse))]
[JsonSerializable(typeof(NoteRequest))]
[JsonSerializable(typeof(BlockResponse))]
[JsonSerializable(typeof(ScanTriggerRequest))]
[JsonSerializable(typeof(ScanTriggerResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(SubscriberRequest))]
[JsonSerializable(typeof(SubscriberInfo))]
[JsonSerializable(typeof(SubscriberListResponse))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
[JsonSerializable(typeof(InvocationResponse))]
public sealed partial class ScannerJsonContext : JsonSerializerContext;
