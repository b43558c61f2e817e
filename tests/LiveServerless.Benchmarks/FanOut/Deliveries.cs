using System.Diagnostics;

namespace LiveServerless.Benchmarks.FanOut;

/// <summary>
/// Where every listener reports what it received: each invocation frame (one SignalR invocation or one socket.io event,
/// whatever it carries) and each chat message in it. Counts go to the phase running now; chat messages posted in an earlier
/// phase that arrive late are not counted as this phase's deliveries (their frames are, which is why phases drain first).
/// </summary>
public sealed class Deliveries
{
    private PhaseTally _current = new('-', 0);

    public PhaseTally Begin(char phase, int expectedDeliveries)
    {
        var tally = new PhaseTally(phase, expectedDeliveries);
        Volatile.Write(ref _current, tally);
        return tally;
    }

    public void Frame() => Volatile.Read(ref _current).Frame();

    public void ChatMessage(string? text)
    {
        if (ChatText.TryRead(text, out var phase, out var sent))
        {
            Volatile.Read(ref _current).ChatMessage(phase, sent, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>The same from the text's UTF-8 bytes as they stand in the frame (the chat text has no escapes).</summary>
    public void ChatMessage(ReadOnlySpan<byte> text)
    {
        if (ChatText.TryRead(text, out var phase, out var sent))
        {
            Volatile.Read(ref _current).ChatMessage(phase, sent, Stopwatch.GetTimestamp());
        }
    }
}

/// <summary>One phase's counts, written concurrently by every listener's receive loop.</summary>
public sealed class PhaseTally(char phase, int expectedDeliveries)
{
    private readonly double[] _latencies = new double[Math.Max(0, expectedDeliveries)];

    private long _frames;

    private long _deliveries;

    private long _lastArrival;

    private int _latencyCount;

    public long Frames => Interlocked.Read(ref _frames);

    public long Delivered => Interlocked.Read(ref _deliveries);

    /// <summary>The monotonic timestamp of the latest chat message of this phase to arrive (0 before the first).</summary>
    public long LastArrival => Interlocked.Read(ref _lastArrival);

    public void Frame() => Interlocked.Increment(ref _frames);

    public void ChatMessage(char messagePhase, long sent, long now)
    {
        if (messagePhase != phase)
        {
            return;
        }

        Interlocked.Increment(ref _deliveries);
        var slot = Interlocked.Increment(ref _latencyCount) - 1;
        if (slot < _latencies.Length)
        {
            _latencies[slot] = Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds;
        }

        var last = Interlocked.Read(ref _lastArrival);
        while (now > last)
        {
            var seen = Interlocked.CompareExchange(ref _lastArrival, now, last);
            if (seen == last)
            {
                break;
            }

            last = seen;
        }
    }

    /// <summary>The send→receive latency at <paramref name="percent"/> over every delivery recorded (NaN when none).</summary>
    public double LatencyPercentile(double percent)
    {
        var count = Math.Min(Volatile.Read(ref _latencyCount), _latencies.Length);
        if (count == 0)
        {
            return double.NaN;
        }

        var sorted = _latencies[..count];
        Array.Sort(sorted);
        return sorted[Math.Min(count - 1, (int)(count * percent / 100))];
    }

    /// <summary>
    /// Waits until <paramref name="expected"/> chat messages of this phase have arrived, or none has for
    /// <paramref name="quiet"/>, or <paramref name="limit"/> has passed; true when all arrived.
    /// </summary>
    public async Task<bool> WaitForAsync(long expected, TimeSpan quiet, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var lastCount = Delivered;
        var quietSince = Stopwatch.StartNew();
        while (Delivered < expected && deadline.Elapsed < limit && quietSince.Elapsed < quiet)
        {
            await Task.Delay(50, cancellationToken);
            var count = Delivered;
            if (count != lastCount)
            {
                lastCount = count;
                quietSince.Restart();
            }
        }

        return Delivered >= expected;
    }
}
