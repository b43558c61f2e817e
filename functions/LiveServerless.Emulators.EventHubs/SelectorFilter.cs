using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace LiveServerless.Emulators.EventHubs;

/// <summary>
/// Reads the <c>apache.org:selector-filter:string</c> a consumer attaches with, e.g. <c>amqp.annotation.x-opt-offset &gt; -1</c>,
/// <c>amqp.annotation.x-opt-sequence-number &gt;= 42</c> or <c>amqp.annotation.x-opt-enqueued-time &gt; 1700000000000</c>.
/// The 5.x .NET SDK sends values bare; other clients quote them (<c>'42'</c>), so both are accepted.
/// </summary>
internal static partial class SelectorFilter
{
    private const string Name = "apache.org:selector-filter:string";

    public static StartPosition Parse(string? expression)
    {
        // Event Hubs clients always send a filter; a bare AMQP client that sends none reads from the start.
        if (string.IsNullOrWhiteSpace(expression))
        {
            return StartPosition.Earliest;
        }

        var match = Expression().Match(expression);
        if (!match.Success)
        {
            throw new FormatException($"Unsupported selector filter '{expression}'.");
        }

        var inclusive = match.Groups["operator"].Value == ">=";
        var value = match.Groups["value"].Value.Trim('\'');
        return match.Groups["field"].Value.ToUpperInvariant() switch
        {
            "OFFSET" when value == "@latest" => StartPosition.Latest,
            "OFFSET" => new StartPosition(StartKind.Offset, ParseNumber(value, expression), inclusive),
            "SEQUENCE-NUMBER" => new StartPosition(StartKind.SequenceNumber, ParseNumber(value, expression), inclusive),
            _ => new StartPosition(StartKind.EnqueuedTime, ParseNumber(value, expression), inclusive),
        };
    }

    /// <summary>The filter expression from a receiver's source, if it has one.</summary>
    public static string? FindExpression(Source? source)
    {
        if (source?.FilterSet is null || !source.FilterSet.TryGetValue<object>(Name, out var filter))
        {
            return null;
        }

        // The filter arrives as a described value whose descriptor this library does not know, so it is decoded generically.
        return filter switch
        {
            DescribedType described => described.Value as string,
            string text => text,
            _ => null,
        };
    }

    private static long ParseNumber(string value, string expression) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"Selector filter '{expression}' does not compare with a whole number.");

    [GeneratedRegex(
        @"^\s*amqp\.annotation\.x-opt-(?<field>offset|sequence-number|enqueued-time)\s*(?<operator>>=|>)\s*(?<value>'[^']*'|\S+)\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Expression();
}
