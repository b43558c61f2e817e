// Types shared by the modules, in the shape Azure Verified Modules use.

@export()
@description('A role assignment on the resource a module deploys.')
type roleAssignmentType = {
  @description('Required. The principal (object) id that receives the role.')
  principalId: string

  @description('Required. The role definition GUID, e.g. 0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3 (Storage Table Data Contributor).')
  roleDefinitionId: string

  @description('Optional. The principal type; ServicePrincipal for managed identities.')
  principalType: ('ServicePrincipal' | 'User' | 'Group')?
}

@export()
@description('Where a module sends its resource logs and metrics.')
type diagnosticSettingsType = {
  @description('Required. Resource id of the Log Analytics workspace.')
  workspaceResourceId: string
}
