using LiveServerless.Functions;
using LiveServerless.Functions.Http;
using LiveServerless.Functions.Idempotency;
using LiveServerless.Functions.Limits;
using LiveServerless.Functions.Usage;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<NoStoreMiddleware>();
builder.UseMiddleware<ProblemDetailsMiddleware>();
builder.UseMiddleware<IdempotencyMiddleware>();
builder.UseMiddleware<RateLimitFieldsMiddleware>();
builder.UseMiddleware<UsageMiddleware>();
builder.Services.AddLiveServerless();
builder.Build().Run();
