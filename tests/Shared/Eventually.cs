using System.Collections;

namespace LiveServerless.Tests;

/// <summary>
/// The one polling helper of every test project (linked into each as a source file): asks again until the condition holds, failing
/// with the last observed state after a deadline. A test waits on a condition, never for a fixed time.
/// </summary>
internal static class Eventually
{
    /// <summary>Generous, because the stream processor and the background services share a loaded two-core machine with the tests.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    public static Task<T> MatchesAsync<T>(Func<Task<T>> observe, Func<T, bool> done, TimeSpan? deadline = null) =>
        MatchesAsync(observe, done, "The awaited state", deadline);

    public static Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null) =>
        MatchesAsync(condition, holds => holds, what, deadline);

    public static async Task<T> MatchesAsync<T>(Func<Task<T>> observe, Func<T, bool> done, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        while (true)
        {
            var observed = await observe();
            if (done(observed))
            {
                return observed;
            }

            Assert.True(DateTime.UtcNow < until, $"{what} did not happen in time; last observed: {Describe(observed)}");
            await Task.Delay(Pause);
        }
    }

    /// <summary>Lists show their items (log lines, deliveries), everything else its own text.</summary>
    private static string? Describe(object? observed) => observed switch
    {
        string text => text,
        IEnumerable items => string.Join(Environment.NewLine, items.Cast<object?>()),
        _ => observed?.ToString(),
    };
}
