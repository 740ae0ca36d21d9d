using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Core.Scanning;

namespace Scanner.Registry.Scanning;

/// <summary>
/// Scans many repositories, a bounded number at once, and hands each outcome to the caller as soon as its repository
/// is done. One repository's failure (or a bug surfacing as an exception) is that repository's failed outcome only.
/// </summary>
public sealed partial class ScanCycle
{
    public const int DefaultConcurrency = 8;

    private readonly IRepositoryScanner _scanner;
    private readonly int _concurrency;
    private readonly ILogger _logger;

    public ScanCycle(IRepositoryScanner scanner, int concurrency = DefaultConcurrency, ILogger<ScanCycle>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(scanner);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _scanner = scanner;
        _concurrency = concurrency;
        _logger = logger ?? NullLogger<ScanCycle>.Instance;
    }

    public async IAsyncEnumerable<RepositoryScanOutcome> ScanAsync(
        IEnumerable<StoredRepository> repositories,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repositories);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var outcomes = Channel.CreateUnbounded<RepositoryScanOutcome>(new UnboundedChannelOptions { SingleReader = true });
        var producer = ProduceAsync(repositories, outcomes.Writer, stop.Token);
        try
        {
            await foreach (var outcome in outcomes.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return outcome;
            }
        }
        finally
        {
            // A caller that stops reading early stops the scans still running.
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ProduceAsync(IEnumerable<StoredRepository> repositories, ChannelWriter<RepositoryScanOutcome> writer, CancellationToken cancellationToken)
    {
        try
        {
            await Parallel.ForEachAsync(
                repositories,
                new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = cancellationToken },
                async (stored, token) => await writer.WriteAsync(await ScanOneAsync(stored, token).ConfigureAwait(false), token).ConfigureAwait(false))
                .ConfigureAwait(false);
            writer.TryComplete();
        }
        catch (Exception exception)
        {
            writer.TryComplete(exception);
        }
    }

    private async Task<RepositoryScanOutcome> ScanOneAsync(StoredRepository stored, CancellationToken cancellationToken)
    {
        try
        {
            return await _scanner.ScanAsync(stored, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUnexpected(exception, stored.Repository.Value);
            return RepositoryScanOutcome.Failed(stored.Repository, $"unexpected error: {exception.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scan of {Repository} threw unexpectedly")]
    private partial void LogUnexpected(Exception exception, string repository);
}
