namespace LiveServerless.Domain.Ads;

/// <summary>Pacing divides UTC days into fixed slots; spend is planned, observed and controlled per slot.</summary>
public static class PacingSlot
{
    public const int PerDay = 96;

    public static readonly TimeSpan Length = TimeSpan.FromDays(1) / PerDay;

    public static DateTimeOffset StartOf(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % Length.Ticks), TimeSpan.Zero);
    }

    public static int IndexInDay(DateTimeOffset time) => (int)(time.ToUniversalTime().TimeOfDay.Ticks / Length.Ticks);

    /// <summary>Budgets are daily in UTC: one clock for every tenant keeps the daily limit a single, checkable number.</summary>
    public static DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);

    public static DateTimeOffset StartOfDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
