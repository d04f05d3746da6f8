// Tickets for Teams in Azure: what `atk provision` (m365agents.yml) deploys into one resource group.
// The bot runs as a user-assigned managed identity (no password to keep or rotate), which is also
// what reads the Ticketing API keys from Key Vault. Outputs are written back to env/.env.<env>.

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@description('App Service plan SKU (Linux), e.g. B1')
param webAppSKU string = 'B1'

@maxLength(42)
param botDisplayName string

@description('us, eu or aus: the live Ticketing API; empty when ticketingBaseUrl is set')
param ticketingRegion string = ''

@description('The Ticketing API base URL, when not one of the regions')
param ticketingBaseUrl string = ''

@secure()
@description('The primary (read/write) API key, stored in Key Vault')
param ticketingApiKey string

@secure()
@description('The secondary (read-only) API key, stored in Key Vault when given')
param ticketingReadOnlyKey string = ''

@description('Hosts whose ticket links unfurl into ticket cards, comma-separated')
param ticketLinkDomains string = '*.teamswork.app'

@allowed([
  'none'
  'Basic'
  'Standard'
])
@description('Azure Cache for Redis for state shared by several instances; none: none for one instance, Standard for more')
param redisSku string = 'none'

@description('How many App Service instances run the bot (a string, as the Toolkit fills it in); more than one brings Azure Cache for Redis')
param instanceCount string = '1'

param location string = resourceGroup().location
param identityName string = resourceBaseName
param serverfarmsName string = resourceBaseName
param webAppName string = resourceBaseName
param keyVaultName string = '${resourceBaseName}-kv'

var apiKeySecretName = 'ticketing-api-key'
var readOnlyKeySecretName = 'ticketing-readonly-key'
var redisUrlSecretName = 'redis-url'
var instances = int(instanceCount)
// Several instances share one API budget and replay guard only through Redis: they get one whatever redisSku says.
var redisTier = redisSku != 'none' ? redisSku : (instances > 1 ? 'Standard' : 'none')
// Built-in role: Key Vault Secrets User (read secret values).
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  location: location
  name: identityName
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
  }
}

resource apiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: apiKeySecretName
  properties: {
    value: ticketingApiKey
  }
}

resource readOnlyKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(ticketingReadOnlyKey)) {
  parent: keyVault
  name: readOnlyKeySecretName
  properties: {
    value: ticketingReadOnlyKey
  }
}

// The bot's identity may read the secrets, and nothing else.
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource redis 'Microsoft.Cache/redis@2023-08-01' = if (redisTier != 'none') {
  name: '${resourceBaseName}-redis'
  location: location
  properties: {
    sku: {
      name: redisTier == 'none' ? 'Basic' : redisTier
      family: 'C'
      capacity: 0
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
  }
}

// The connection string holds the cache's access key: it goes to Key Vault, and the app setting refers to it.
resource redisUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (redisTier != 'none') {
  parent: keyVault
  name: redisUrlSecretName
  properties: {
    value: redisTier == 'none' ? '' : 'rediss://:${redis.listKeys().primaryKey}@${redis.properties.hostName}:6380'
  }
}

resource serverfarm 'Microsoft.Web/serverfarms@2022-09-01' = {
  kind: 'linux'
  location: location
  name: serverfarmsName
  sku: {
    name: webAppSKU
    capacity: instances
  }
  properties: {
    reserved: true
  }
}

var readOnlyKeySettings = empty(ticketingReadOnlyKey) ? [] : [
  {
    name: 'TICKETING_READONLY_KEY_SECRET'
    value: readOnlyKeySecretName
  }
]
var redisSettings = redisTier == 'none' ? [] : [
  {
    name: 'REDIS_URL'
    value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${redisUrlSecretName})'
  }
  {
    // While Redis is away, each instance keeps to this share of the API budget.
    name: 'TICKETING_REPLICAS'
    value: string(instances)
  }
]

// The bot: Node 20 on Linux, started with `npm run start:prod` on the zip deployed by `atk deploy`.
resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  kind: 'app,linux'
  location: location
  name: webAppName
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'npm run start:prod'
      alwaysOn: true
      healthCheckPath: '/readyz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      appSettings: concat([
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false'
        }
        {
          name: 'MicrosoftAppId'
          value: identity.properties.clientId
        }
        {
          name: 'MicrosoftAppType'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MicrosoftAppTenantId'
          value: identity.properties.tenantId
        }
        {
          name: 'TICKETING_REGION'
          value: ticketingRegion
        }
        {
          name: 'TICKETING_BASE_URL'
          value: ticketingBaseUrl
        }
        {
          name: 'TICKETING_KEY_VAULT_URL'
          value: keyVault.properties.vaultUri
        }
        {
          name: 'TICKETING_API_KEY_SECRET'
          value: apiKeySecretName
        }
        {
          name: 'TICKET_LINK_DOMAINS'
          value: ticketLinkDomains
        }
        {
          name: 'LOG_FORMAT'
          value: 'json'
        }
      ], readOnlyKeySettings, redisSettings)
    }
  }
  dependsOn: [
    secretsUser
    apiKeySecret
  ]
}

// Register the web app as a bot with the Bot Framework, and connect it to Teams.
module azureBotRegistration './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    resourceBaseName: resourceBaseName
    identityClientId: identity.properties.clientId
    identityResourceId: identity.id
    identityTenantId: identity.properties.tenantId
    botAppDomain: webApp.properties.defaultHostName
    botDisplayName: botDisplayName
  }
}

// Persisted in env/.env.<env> by the Toolkit.
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output TICKETING_KEY_VAULT_URL string = keyVault.properties.vaultUri
