using System.Text;

namespace LiveServerless.Api.Tests.Infrastructure;

/// <summary>A DevHost's console output kept in memory, safe to read while DevHost writes to it.</summary>
public sealed class CapturedOutput : TextWriter
{
    private readonly StringBuilder _text = new();

    private readonly Lock _gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            _text.Append(value);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            _text.Append(value).Append(NewLine);
        }
    }

    public string[] Lines()
    {
        lock (_gate)
        {
            return _text.ToString().Split(NewLine);
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _text.ToString();
        }
    }
}
