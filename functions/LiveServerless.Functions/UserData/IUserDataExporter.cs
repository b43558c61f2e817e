namespace LiveServerless.Functions.UserData;

/// <summary>
/// A store whose data about a user belongs in the user's export (a data subject access request). The export document has one
/// member per exporter, named <see cref="Section"/>; registered with <see cref="UserDataRegistration.AddUserData{TStore}"/>.
/// </summary>
public interface IUserDataExporter
{
    /// <summary>The export document's member holding this store's data (camelCase): part of the contract.</summary>
    string Section { get; }

    /// <summary>What the store keeps about the user, in the shape the export documents (docs/openapi.yaml <c>UserExport</c>).</summary>
    Task<object?> ExportUserAsync(string tenantId, string userId, CancellationToken cancellationToken);
}
