using Azure.Core;
using Azure.Core.Pipeline;

namespace Scanner.Storage.Extensions;

/// <summary>A policy added to a storage client's pipeline, at its position (per call, or per retry).</summary>
public sealed record StoragePipelinePolicy(HttpPipelinePolicy Policy, HttpPipelinePosition Position);
