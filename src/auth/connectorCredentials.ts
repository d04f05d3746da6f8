import { ConfidentialClientApplication } from '@azure/msal-node';
import { MsalServiceClientCredentialsFactory, type ServiceClientCredentialsFactory } from 'botframework-connector';
import type { BotAuthConfig } from '../config.js';

/**
 * The credentials the bot signs its calls to the connector with, when `ToChannelFromBotLoginUrl` is
 * set and the app has a password; undefined otherwise (the SDK builds them from the settings).
 *
 * The SDK hands a configured sign-in URL to MSAL, which trusts only hosts that Azure AD's public
 * instance discovery knows: any other (a private cloud, the offline tests) fails with
 * "Endpoints cannot be resolved". The URL is the operator's explicit choice, so MSAL is told to
 * trust its host. A SingleTenant app signs in at its own tenant on that host, as the SDK does on
 * Microsoft's clouds.
 */
export function configuredLoginCredentials(auth: BotAuthConfig): ServiceClientCredentialsFactory | undefined {
  const loginUrl = auth.endpoints.ToChannelFromBotLoginUrl;
  if (loginUrl === undefined || auth.appPassword === undefined || auth.appType === 'UserAssignedMSI') return undefined;
  const url = new URL(loginUrl);
  const authority = auth.appType === 'SingleTenant' ? tenantAuthority(url, auth.tenantId!) : loginUrl;
  const client = new ConfidentialClientApplication({
    auth: { clientId: auth.appId, clientSecret: auth.appPassword, authority, knownAuthorities: [url.host] },
  });
  // msal-node ships an ES module build and a CommonJS one, the SDK's; TypeScript keeps their (same) declarations apart.
  return new MsalServiceClientCredentialsFactory(auth.appId, client as unknown as ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1]);
}

/** The login URL with its last path segment, the tenant as in `…/botframework.com`, set to `tenantId`. */
function tenantAuthority(loginUrl: URL, tenantId: string): string {
  const segments = loginUrl.pathname.split('/').filter((s) => s !== '');
  segments.splice(-1, 1, tenantId);
  return `${loginUrl.origin}/${segments.join('/')}`;
}
