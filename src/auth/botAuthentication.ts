import pTimeout from 'p-timeout';
import { ConfigurationBotFrameworkAuthentication, type Activity, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { ClaimsIdentity, ConnectorFactory, ServiceClientCredentialsFactory } from 'botframework-connector';
import type { AuthEndpoints, BotAuthConfig } from '../config.js';
import { configuredLoginCredentials } from './connectorCredentials.js';
import { CONNECTOR_TIMEOUT_MS, timedConnectors } from './connectorTimeout.js';
import { AuthRefused, TokenGate } from './tokenGate.js';

export type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/** The public cloud's values, the SDK's defaults. */
const PUBLIC_CLOUD: Required<AuthEndpoints> = {
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
};

/** The whole of the SDK's own check may take this long (its metadata fetch has no timeout of its own). */
const SDK_CHECK_TIMEOUT_MS = 4000;

/** The SDK's authentication, whose connector clients (a turn's, a proactive message's) give up after a time. */
class TimedBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(settings: ConfigurationBotFrameworkAuthenticationOptions, credentials: ServiceClientCredentialsFactory | undefined, private readonly timeoutMs: number) {
    super(settings, credentials);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: timedConnectors(result.connectorFactory, this.timeoutMs) } : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return timedConnectors(super.createConnectorFactory(claimsIdentity), this.timeoutMs);
  }
}

/**
 * Who may talk to the bot: with credentials, a request must carry a Bot Framework token that our
 * fast gate and then the SDK accept; without (local mode), the SDK lets anyone in. Every refusal
 * is an AuthRefused with a one-word reason, never a stack or the SDK's message.
 */
export class BotAuthenticator {
  readonly sdk: ConfigurationBotFrameworkAuthentication;
  private readonly gate?: TokenGate;

  constructor(auth: BotAuthConfig | undefined, connectorTimeoutMs = CONNECTOR_TIMEOUT_MS) {
    // Once one endpoint is set, the SDK takes every one as given (a sovereign cloud): the rest keep the public cloud's.
    const endpoints: AuthEndpoints = Object.keys(auth?.endpoints ?? {}).length > 0 ? { ...PUBLIC_CLOUD, ...auth!.endpoints } : {};
    const settings: ConfigurationBotFrameworkAuthenticationOptions = auth
      ? { ...endpoints, MicrosoftAppId: auth.appId, MicrosoftAppPassword: auth.appPassword, MicrosoftAppType: auth.appType, MicrosoftAppTenantId: auth.tenantId }
      : {};
    this.sdk = new TimedBotFrameworkAuthentication(settings, auth && configuredLoginCredentials(auth), connectorTimeoutMs);
    if (auth) {
      this.gate = new TokenGate({
        appId: auth.appId,
        channelIssuer: endpoints.ToBotFromChannelTokenIssuer ?? PUBLIC_CLOUD.ToBotFromChannelTokenIssuer,
        channelMetadataUrl: endpoints.ToBotFromChannelOpenIdMetadataUrl ?? PUBLIC_CLOUD.ToBotFromChannelOpenIdMetadataUrl,
        emulatorMetadataUrl: endpoints.ToBotFromEmulatorOpenIdMetadataUrl ?? PUBLIC_CLOUD.ToBotFromEmulatorOpenIdMetadataUrl,
      });
    }
  }

  async authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    await this.gate?.check(authHeader, activity);
    try {
      // The refusal is made when the time runs out, not built (with its stack) for every request.
      return await pTimeout(this.sdk.authenticateRequest(activity, authHeader), {
        milliseconds: SDK_CHECK_TIMEOUT_MS,
        fallback: () => { throw new AuthRefused('metadata-unavailable'); },
      });
    } catch (error) {
      throw error instanceof AuthRefused ? error : new AuthRefused('rejected');
    }
  }
}
