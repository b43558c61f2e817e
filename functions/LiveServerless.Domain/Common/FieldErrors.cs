namespace LiveServerless.Domain.Common;

/// <summary>Collects field-level rule violations so a client learns about all of them in one response.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors[field] = messages;
        }

        messages.Add(message);
        return this;
    }

    public FieldErrors When(bool broken, string field, string message) => broken ? Add(field, message) : this;

    /// <summary>Throws a <see cref="ValidationException"/> carrying every collected error, if any.</summary>
    public void ThrowIfAny()
    {
        if (!IsEmpty)
        {
            throw new ValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
