namespace Scanner.Registry.Http;

/// <summary>
/// Bearer tokens per (realm, service, scope), kept until their expiry minus a margin. Concurrent callers that need the
/// same token share one fetch; a failed fetch is forgotten so the next caller tries again.
/// </summary>
internal sealed class TokenCache(TimeProvider time, TimeSpan margin)
{
    private readonly Dictionary<(string Realm, string Service, string Scope), Task<BearerToken>> _entries = [];
    private readonly Lock _lock = new();

    public Task<BearerToken> GetAsync(string realm, string service, string scope, Func<Task<BearerToken>> fetch)
    {
        var key = (realm, service, scope);
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing) &&
                (!existing.IsCompleted || (existing.IsCompletedSuccessfully && existing.Result.ExpiresAt - margin > time.GetUtcNow())))
            {
                return existing;
            }

            var task = FetchAndForgetOnFailure(key, fetch);
            _entries[key] = task;
            return task;
        }
    }

    /// <summary>Drops a token the registry refused, unless another caller already replaced it.</summary>
    public void Invalidate(string realm, string service, string scope, BearerToken refused)
    {
        lock (_lock)
        {
            var key = (realm, service, scope);
            if (_entries.TryGetValue(key, out var existing) && existing.IsCompletedSuccessfully && ReferenceEquals(existing.Result, refused))
            {
                _entries.Remove(key);
            }
        }
    }

    private async Task<BearerToken> FetchAndForgetOnFailure((string, string, string) key, Func<Task<BearerToken>> fetch)
    {
        await Task.Yield();
        try
        {
            return await fetch().ConfigureAwait(false);
        }
        catch
        {
            lock (_lock)
            {
                _entries.Remove(key);
            }

            throw;
        }
    }
}
