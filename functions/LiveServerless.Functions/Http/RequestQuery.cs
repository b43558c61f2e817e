using System.Globalization;
using LiveServerless.Domain.Common;
using LiveServerless.Functions.Storage;
using Microsoft.AspNetCore.Http;

namespace LiveServerless.Functions.Http;

/// <summary>Query-string and header parsing shared by the routes, each failure a field-level 400.</summary>
public static class RequestQuery
{
    public static PageRequest Page(this HttpRequest request)
    {
        var errors = new FieldErrors();
        var limit = PageRequest.DefaultLimit;
        var rawLimit = request.Query["limit"].ToString();
        if (rawLimit.Length > 0 &&
            (!int.TryParse(rawLimit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > PageRequest.MaxLimit))
        {
            errors.Add("limit", $"must be a whole number between 1 and {PageRequest.MaxLimit}");
        }

        var token = request.Query["continuationToken"].ToString();
        errors.When(token.Length > 1024, "continuationToken", "is not a continuation token issued by this API");
        errors.ThrowIfAny();
        return new PageRequest(limit, token.Length == 0 ? null : token);
    }

    /// <summary>Parses an optional enum filter such as ?status=live.</summary>
    public static TEnum? EnumFilter<TEnum>(this HttpRequest request, string name)
        where TEnum : struct, Enum
    {
        var raw = request.Query[name].ToString();
        if (raw.Length == 0)
        {
            return null;
        }

        if (Enum.TryParse<TEnum>(raw, ignoreCase: true, out var value) && !int.TryParse(raw, out _) && Enum.IsDefined(value))
        {
            return value;
        }

        var allowed = string.Join(", ", Enum.GetNames<TEnum>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]));
        throw ValidationException.ForField(name, $"must be one of: {allowed}");
    }

    /// <summary>The If-Match precondition, if the client sent one ("*" means any version).</summary>
    public static string? IfMatch(this HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        return value.Length == 0 ? null : ETags.FromHttp(value);
    }

    /// <summary>A required id in the query string (e.g. ?roomId=), checked like a route id.</summary>
    public static string RequiredId(this HttpRequest request, string name)
    {
        var value = request.Query[name];
        if (value.Count != 1)
        {
            throw ValidationException.ForField(name, value.Count == 0 ? "is required" : "must be given once");
        }

        return RouteId(name, value.ToString());
    }

    /// <summary>Route ids are checked before they reach storage: a malformed id is a 400, not a lookup.</summary>
    public static string RouteId(string field, string id)
    {
        if (!Ids.IsValid(id))
        {
            throw ValidationException.ForField(field, Ids.Rule);
        }

        return id;
    }
}
