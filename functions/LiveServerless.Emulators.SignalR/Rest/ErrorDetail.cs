using Microsoft.AspNetCore.Http;

namespace LiveServerless.Emulators.SignalR.Rest;

/// <summary>The REST API's error shape (ErrorDetail in the service's swagger), reduced to what a developer reads.</summary>
internal sealed record ErrorDetail(string Code, string Message)
{
    public static IResult BadRequest(string message) => Results.Json(new ErrorDetail("BadRequest", message), statusCode: StatusCodes.Status400BadRequest);

    public static IResult Unauthorized(string message) => Results.Json(new ErrorDetail("Unauthorized", message), statusCode: StatusCodes.Status401Unauthorized);

    public static IResult NotFound(string message) => Results.Json(new ErrorDetail("NotFound", message), statusCode: StatusCodes.Status404NotFound);
}
