import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { BotAuthConfig } from '../config.js';

/**
 * The identity the app reads its secrets with. A bot that runs as a user-assigned managed identity
 * (`MicrosoftAppType=UserAssignedMSI`) uses that identity, named by its client id in
 * `MicrosoftAppId`, as Microsoft's bot templates do; otherwise DefaultAzureCredential finds one
 * (the App Service's identity, or `az login` on a laptop).
 */
export function azureCredential(bot: BotAuthConfig | undefined): TokenCredential {
  if (bot?.appType === 'UserAssignedMSI') return new ManagedIdentityCredential({ clientId: bot.appId });
  return new DefaultAzureCredential();
}
