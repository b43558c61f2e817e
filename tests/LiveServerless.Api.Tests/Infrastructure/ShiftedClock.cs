namespace LiveServerless.Api.Tests.Infrastructure;

/// <summary>The real clock moved by a fixed amount: "five minutes later" for code that waits that long, without waiting.</summary>
public sealed class ShiftedClock(TimeSpan shift) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
}
