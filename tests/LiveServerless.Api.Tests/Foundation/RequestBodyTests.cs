using System.Text;
using System.Text.Json;
using LiveServerless.Functions.Http;
using LiveServerless.Functions.Interactions;
using LiveServerless.Functions.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace LiveServerless.Api.Tests.Foundation;

/// <summary>
/// What each kind of bad body is told, in process and to the word: the field the problem is about and the message the client reads.
/// (BadInputTests checks every route answers these as problem documents; this pins the words.)
/// </summary>
public sealed class RequestBodyTests
{
    [Theory]
    [InlineData("""{"displayName":"x","noSuchField":true}""", "noSuchField", "is not a known field")]
    [InlineData("""{"displayName":"x","displayName":"y"}""", "displayName", "appears more than once")]
    [InlineData("""{"displayName":42}""", "displayName", "has the wrong type")]
    [InlineData("""{"displayName":"x","tags":"music"}""", "tags", "has the wrong type")]
    [InlineData("""{"displayName":"x","tags":[1]}""", "tags[0]", "has the wrong type")]
    [InlineData("""{"displayName":"x","role":"king"}""", "role", "must be one of: viewer, host, moderator")]
    [InlineData("""{"displayName":"x","role":1}""", "role", "must be one of: viewer, host, moderator")]
    [InlineData("""{"displayName":"x","role":"1"}""", "role", "must be one of: viewer, host, moderator")]
    [InlineData("""{"displayName":"x","role":"viewer, host"}""", "role", "must be one of: viewer, host, moderator")]
    [InlineData("""{"displayName":"x","role":" host"}""", "role", "must be one of: viewer, host, moderator")]
    [InlineData("""{"displayName":"x","role":""}""", "role", "must be one of: viewer, host, moderator")]
    public async Task CreateUser_FieldProblems_NameTheFieldAndSayWhy(string body, string field, string message)
    {
        var problem = await ProblemAsync<CreateUserRequest>(body);

        AssertFieldError(problem, field, message);
    }

    [Theory]
    [InlineData("""{"role":"king"}""", "role", "must be one of: viewer, host, moderator")]
    [InlineData("""{"role":7}""", "role", "must be one of: viewer, host, moderator")]
    [InlineData("""{"tags":[1,2]}""", "tags", "has the wrong type")]
    [InlineData("""{"nope":null}""", "nope", "is not a known field")]
    public async Task UpdateUser_PartialUpdateFields_AreExplainedByTheirInnerType(string body, string field, string message)
    {
        var problem = await ProblemAsync<UpdateUserRequest>(body);

        AssertFieldError(problem, field, message);
    }

    [Theory]
    [InlineData("""{"type":"dance"}""", "type")]
    [InlineData("""{"events":[{"type":"like"},{"type":"adClick"}]}""", "events[1].type")]
    [InlineData("""{"events":[{"type":"like","type":"like"}]}""", "events[0].type")]
    [InlineData("""{"events":[{"type":"like","colour":"red"}]}""", "events[0].colour")]
    public async Task Ingest_NestedFields_AreNamedByTheirPath(string body, string field)
    {
        var problem = await ProblemAsync<IngestRequest>(body);

        Assert.Equal([field], problem.Errors.Keys);
    }

    [Fact]
    public async Task Enums_ListTheirWireNames_IncludingJsonStringEnumMemberNames()
    {
        var problem = await ProblemAsync<IngestRequest>("""{"type":"dance"}""");

        AssertFieldError(problem, "type", "must be one of: like, gift, follow, share, watch, ad_impression, ad_click");
    }

    [Fact]
    public async Task Enums_ReadTheirWireNames()
    {
        var body = await ReadAsync<IngestRequest>("""{"events":[{"type":"ad_click"},{"type":"like"}]}""");

        Assert.Equal([InteractionKind.AdClick, InteractionKind.Like], body.Events!.Select(e => e.Type));
    }

    [Fact]
    public void DuplicateProperties_AreStillReportedInTheWordingJsonProblemsRecognises()
    {
        var exception = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<CreateUserRequest>("""{"id":"a","id":"b"}""", ApiJson.Options));

        Assert.StartsWith(JsonProblems.DuplicatePropertyWording, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"displayName\":", "The body is not valid JSON")]
    [InlineData("not json", "The body is not valid JSON")]
    [InlineData("{\"displayName\":\"x\"} trailing", "The body is not valid JSON")]
    [InlineData("[]", "The body must be a JSON object.")]
    [InlineData("42", "The body must be a JSON object.")]
    [InlineData("null", "The body must be a JSON object, not null.")]
    public async Task BodiesThatAreNotAnObject_AreOneBadRequest(string body, string detail)
    {
        var problem = await ProblemAsync(body, "application/json");

        Assert.Equal(400, problem.Status);
        Assert.Equal("https://liveserverless.dev/problems/bad-request", problem.Type);
        Assert.StartsWith(detail, problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/merge-patch+json")]
    [InlineData("APPLICATION/JSON")]
    public async Task JsonMediaTypes_AreRead(string contentType)
    {
        var body = await ReadAsync<CreateUserRequest>("""{"displayName":"x"}""", contentType);

        Assert.Equal("x", body.DisplayName);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task OtherMediaTypes_Are415(string? contentType)
    {
        var problem = await ProblemAsync("""{"displayName":"x"}""", contentType);

        Assert.Equal(415, problem.Status);
    }

    [Fact]
    public async Task BodiesOverTheLimit_Are413()
    {
        var problem = await ProblemAsync($$"""{"displayName":"{{new string('x', RequestBody.MaxBytes)}}"}""", "application/json");

        Assert.Equal(413, problem.Status);
        Assert.Equal($"The limit is {RequestBody.MaxBytes} bytes.", problem.Detail);
    }

    private static void AssertFieldError(ProblemDetails problem, string field, string message)
    {
        var validation = Assert.IsType<HttpValidationProblemDetails>(problem);
        Assert.Equal(400, validation.Status);
        Assert.Equal("https://liveserverless.dev/problems/validation", validation.Type);
        Assert.Equal([field], validation.Errors.Keys);
        Assert.Equal([message], validation.Errors[field]);
    }

    private static async Task<HttpValidationProblemDetails> ProblemAsync<T>(string body)
        where T : class => Assert.IsType<HttpValidationProblemDetails>(await ProblemAsync(body, "application/json", ReadAsync<T>));

    private static Task<ProblemDetails> ProblemAsync(string body, string? contentType) => ProblemAsync(body, contentType, ReadAsync<CreateUserRequest>);

    private static async Task<ProblemDetails> ProblemAsync<T>(string body, string? contentType, Func<string, string?, Task<T>> read)
    {
        var exception = await Assert.ThrowsAsync<ProblemException>(() => read(body, contentType));
        return exception.Problem;
    }

    private static Task<T> ReadAsync<T>(string body, string? contentType = "application/json")
        where T : class
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        context.Request.ContentType = contentType;
        return context.Request.ReadJsonAsync<T>(CancellationToken.None);
    }
}
