using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace LiveServerless.Api.Tests.Infrastructure;

/// <summary>
/// Reads "method /path" pairs of every operation in docs/openapi.yaml with the OpenAPI.NET reader: the document must parse as
/// OpenAPI 3.1 without errors, so a malformed document fails the test loudly, whatever its layout.
/// </summary>
public static class OpenApiPaths
{
    public static IReadOnlyList<string> Read(string path)
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        var read = OpenApiDocument.Parse(File.ReadAllText(path), OpenApiConstants.Yaml, settings);

        Assert.Empty(read.Diagnostic?.Errors ?? []);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic?.SpecificationVersion);
        var document = Assert.IsType<OpenApiDocument>(read.Document);
        return [.. document.Paths.SelectMany(p => (p.Value.Operations ?? []).Keys.Select(method => $"{method.Method.ToLowerInvariant()} {p.Key}"))];
    }
}
