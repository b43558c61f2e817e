using System.Globalization;
using LiveServerless.Domain.Common;

namespace LiveServerless.Functions.Usage;

/// <summary>Reads usage per day for a tenant or for all; the range is at most <see cref="MaxDays"/> UTC days.</summary>
public sealed class UsageService(UsageStore store, UsageFlusher flusher, TimeProvider time)
{
    public const int MaxDays = 92;

    public async Task<UsageInRange> ForTenantAsync(string tenantId, string? from, string? to, CancellationToken cancellationToken)
    {
        var (fromDay, toDay) = Range(from, to);
        await flusher.FlushAsync(cancellationToken);
        return new UsageInRange(fromDay, toDay, await store.ReadAsync(tenantId, fromDay, toDay, cancellationToken));
    }

    public async Task<UsageInRange> ForAllAsync(string? from, string? to, CancellationToken cancellationToken)
    {
        var (fromDay, toDay) = Range(from, to);
        await flusher.FlushAsync(cancellationToken);
        return new UsageInRange(fromDay, toDay, await store.ReadAllAsync(fromDay, toDay, cancellationToken));
    }

    /// <summary>Validates <c>from</c>/<c>to</c> (yyyy-MM-dd); both default to today, <c>from</c> to seven days before <c>to</c>.</summary>
    private (string From, string To) Range(string? from, string? to)
    {
        var errors = new FieldErrors();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var toDate = Parse(errors, "to", to) ?? today;
        var fromDate = Parse(errors, "from", from) ?? toDate.AddDays(-6);
        errors.When(fromDate > toDate, "from", "must not be after 'to'");
        errors.When(toDate.DayNumber - fromDate.DayNumber >= MaxDays, "from", $"the range is at most {MaxDays} days");
        errors.ThrowIfAny();
        return (Format(fromDate), Format(toDate));
    }

    private static DateOnly? Parse(FieldErrors errors, string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, "must be a date as yyyy-MM-dd");
        return null;
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The days with usage from <c>From</c> to <c>To</c> (UTC days, inclusive), of one tenant or of all.</summary>
public sealed record UsageInRange(string From, string To, IReadOnlyList<DailyUsage> Days);
