metadata description = '''The web pages (the repository's web/ folder: the live-room app and the partner console) as an Azure Static Web App.
The pages are static files that call the function app's API from the browser; azd deploys the built folder (azure.yaml, service web),
so the site has no build of its own, no API of its own and no repository link.'''

@description('Required. Name of the static web app.')
param name string

@description('Optional. Location of the static web app: Static Web Apps exist in a few regions only (its content is served globally either way).')
@allowed([
  'centralus'
  'eastus2'
  'eastasia'
  'westeurope'
  'westus2'
])
param location string = 'westeurope'

@description('Optional. Tags of the static web app; it also gets azd-service-name.')
param tags object = {}

@description('Optional. The azd service name, tagged on the site so that azd deploys to it.')
param serviceName string = 'web'

@description('Optional. Free (no SLA, 100 GB a month) or Standard (SLA, custom authentication, more custom domains).')
@allowed([
  'Free'
  'Standard'
])
param skuName string = 'Free'

resource staticSite 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  sku: {
    name: skuName
    tier: skuName
  }
  properties: {
    // Deployed by azd (the SWA CLI with the site's deployment token), not built from a repository.
    provider: 'Custom'
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
  }
}

@description('The name of the static web app.')
output name string = staticSite.name

@description('The resource id of the static web app.')
output resourceId string = staticSite.id

@description('The host name the site is served from (<name>.<n>.azurestaticapps.net); its https origin is what the API allows (CORS).')
output defaultHostname string = staticSite.properties.defaultHostname
