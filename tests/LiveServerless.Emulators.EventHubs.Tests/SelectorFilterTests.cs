namespace LiveServerless.Emulators.EventHubs.Tests;

public sealed class SelectorFilterTests
{
    [Theory]
    [InlineData("amqp.annotation.x-opt-offset > -1", nameof(StartKind.Offset), -1, false)]
    [InlineData("amqp.annotation.x-opt-offset > '-1'", nameof(StartKind.Offset), -1, false)]
    [InlineData("amqp.annotation.x-opt-offset >= '42'", nameof(StartKind.Offset), 42, true)]
    [InlineData("amqp.annotation.x-opt-offset >= 42", nameof(StartKind.Offset), 42, true)]
    [InlineData("amqp.annotation.x-opt-sequence-number > 17", nameof(StartKind.SequenceNumber), 17, false)]
    [InlineData("amqp.annotation.x-opt-sequence-number >= '17'", nameof(StartKind.SequenceNumber), 17, true)]
    [InlineData("amqp.annotation.x-opt-enqueued-time > 1700000000000", nameof(StartKind.EnqueuedTime), 1700000000000, false)]
    [InlineData("AMQP.ANNOTATION.X-OPT-OFFSET>5", nameof(StartKind.Offset), 5, false)]
    public void Parse_SupportedExpression_ReturnsStartPosition(string expression, string kind, long value, bool inclusive)
    {
        Assert.Equal(new StartPosition(Enum.Parse<StartKind>(kind), value, inclusive), SelectorFilter.Parse(expression));
    }

    [Theory]
    [InlineData("amqp.annotation.x-opt-offset > @latest")]
    [InlineData("amqp.annotation.x-opt-offset > '@latest'")]
    public void Parse_LatestOffset_ReturnsLatest(string expression)
    {
        Assert.Equal(StartPosition.Latest, SelectorFilter.Parse(expression));
    }

    [Fact]
    public void Parse_NoExpression_ReturnsEarliest()
    {
        Assert.Equal(StartPosition.Earliest, SelectorFilter.Parse(null));
    }

    [Theory]
    [InlineData("amqp.annotation.x-opt-offset < 5")]
    [InlineData("amqp.annotation.x-opt-partition-key = 'a'")]
    [InlineData("amqp.annotation.x-opt-sequence-number > abc")]
    public void Parse_UnsupportedExpression_Throws(string expression)
    {
        Assert.Throws<FormatException>(() => SelectorFilter.Parse(expression));
    }
}
