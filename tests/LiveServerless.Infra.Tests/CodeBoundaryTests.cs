using System.Text.RegularExpressions;
using LiveServerless.Infra.Tests.Infrastructure;

namespace LiveServerless.Infra.Tests;

/// <summary>
/// The function app's folders depend on each other in one direction only (docs/architecture.md "Boundaries"): a lower folder that
/// must reach a higher one owns an interface the higher one implements. Read from the sources: a folder depends on another when one
/// of its files imports the other's namespace or names it fully qualified. And the tests keep one naming style.
/// </summary>
public sealed partial class CodeBoundaryTests
{
    private static readonly string AppRoot = RepositoryFiles.Combine("functions", "LiveServerless.Functions");

    [Fact]
    public void DependencyGraph_IsReadFromTheSources()
    {
        var graph = FolderDependencies();

        // Guards against a layout change that finds nothing, which would make the cycle test pass vacuously.
        Assert.True(graph.Count >= 20, $"found only {graph.Count} folders");
        Assert.Contains("Auth", graph["Rooms"]);
        Assert.Contains("Streaming", graph["Erasure"]);
    }

    [Fact]
    public void FunctionAppFolders_NeverDependOnEachOther_EvenThroughOthers()
    {
        var cycles = StronglyConnected(FolderDependencies()).Where(component => component.Count > 1).ToList();

        Assert.True(cycles.Count == 0, "Folder cycles: " + string.Join("; ", cycles.Select(c => string.Join(" ↔ ", c.Order()))));
    }

    [Fact]
    public void Services_TakeAndReturnNoHttpTypes()
    {
        var offenders = Directory.EnumerateFiles(AppRoot, "*Service.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(file) && File.ReadAllText(file).Contains("HttpRequest", StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(AppRoot, file))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void TestNames_FollowOneStyle_SubjectBehaviourCondition()
    {
        var testsRoot = RepositoryFiles.Combine("tests");
        var names = Directory.EnumerateFiles(testsRoot, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(file))
            .SelectMany(file => TestMethod().Matches(File.ReadAllText(file)).Select(match => match.Groups["name"].Value))
            .ToList();

        Assert.True(names.Count > 500, $"found only {names.Count} tests"); // a pattern that finds nothing would pass vacuously
        Assert.DoesNotContain(names, name => char.IsLower(name[0]) || SnakeCase().IsMatch(name));
    }

    private static Dictionary<string, HashSet<string>> FolderDependencies()
    {
        var folders = Directory.EnumerateDirectories(AppRoot).Select(Path.GetFileName).OfType<string>().Where(f => f is not ("bin" or "obj")).ToHashSet();
        var graph = folders.ToDictionary(f => f, _ => new HashSet<string>());
        foreach (var folder in folders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(AppRoot, folder), "*.cs", SearchOption.AllDirectories))
            {
                foreach (Match match in Reference().Matches(File.ReadAllText(file)))
                {
                    var target = match.Groups["folder"].Value;
                    if (target != folder && folders.Contains(target))
                    {
                        graph[folder].Add(target);
                    }
                }
            }
        }

        return graph;
    }

    /// <summary>Tarjan's algorithm: the sets of folders that reach each other.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var components = new List<List<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in graph[node])
            {
                if (!index.TryGetValue(next, out var nextIndex))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[node] = Math.Min(low[node], nextIndex);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }

        foreach (var node in graph.Keys.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return components;
    }

    private static bool IsBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ||
        file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    [GeneratedRegex(@"\[(Fact|Theory)[^\]]*\]\s*(\[[^\]]*\]\s*)*public (async )?(Task|void) (?<name>\w+)\(")]
    private static partial Regex TestMethod();

    [GeneratedRegex("[a-z]_[a-z]")]
    private static partial Regex SnakeCase();

    [GeneratedRegex(@"LiveServerless\.Functions\.(?<folder>\w+)[.;]")]
    private static partial Regex Reference();
}
