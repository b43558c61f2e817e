namespace LiveServerless.Functions.Health;

/// <summary>Checks that one dependency answers. Each capability that adds a dependency registers a probe for it.</summary>
public interface IHealthProbe
{
    string Name { get; }

    Task ProbeAsync(CancellationToken cancellationToken);
}
