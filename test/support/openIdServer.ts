import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

export const CHANNEL_ISSUER = 'https://api.botframework.com';

/**
 * Bot Framework's sign-in metadata on loopback, in the shape Microsoft publishes at
 * login.botframework.com/v1/.well-known/openidconfiguration and its jwks_uri (keys endorsed for
 * channels), with a key of our own so tests can sign channel tokens offline. `mode` makes it fail
 * (500) or hang, as an unreachable or stuck sign-in service would.
 */
export class OpenIdServer {
  readonly kid = 'test-key-1';
  requests = 0;
  mode: 'ok' | 'fail' | 'hang' = 'ok';
  /** Requests after this many hang (as with `mode` 'hang'): a service that answered the gate, then stalls. */
  hangAfter = Infinity;
  /** Each answer comes this late: a slow sign-in service. */
  delayMs = 0;
  private server?: Server;
  private privateKey!: CryptoKey;
  private jwk!: Record<string, unknown>;

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  get metadataUrl(): string {
    return `${this.url}/v1/.well-known/openidconfiguration`;
  }

  async start(): Promise<this> {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    this.privateKey = privateKey;
    this.jwk = { ...(await exportJWK(publicKey)), kty: 'RSA', use: 'sig', kid: this.kid, endorsements: ['msteams', 'emulator', 'webchat'] };
    this.server = createServer((req, res) => {
      this.requests++;
      if (this.mode === 'hang' || this.requests > this.hangAfter) return; // never answers
      if (this.mode === 'fail') {
        res.writeHead(500);
        res.end();
        return;
      }
      // Not chained: a dependency of restify patches ServerResponse, and its writeHead returns nothing.
      const json = (body: unknown) => setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      }, this.delayMs);
      if (req.url === '/v1/.well-known/openidconfiguration') {
        return json({
          issuer: CHANNEL_ISSUER,
          authorization_endpoint: 'https://invalid.botframework.com',
          jwks_uri: `${this.url}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
        });
      }
      if (req.url === '/v1/.well-known/keys') return json({ keys: [this.jwk] });
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /**
   * A channel token as Bot Framework signs one for a request to the bot (claims as in Microsoft's
   * "Authenticate requests with the Bot Connector API" example), changed by `claims` and `options`.
   */
  async token(appId: string, serviceUrl: string, claims: JWTPayload = {}, options: { key?: CryptoKey; kid?: string; expiresIn?: string | number } = {}): Promise<string> {
    return new SignJWT({ serviceurl: serviceUrl, ...claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? this.kid })
      .setIssuer(typeof claims.iss === 'string' ? claims.iss : CHANNEL_ISSUER)
      .setAudience(typeof claims.aud === 'string' ? claims.aud : appId)
      .setNotBefore(Math.floor(Date.now() / 1000) - 60)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '1h')
      .sign(options.key ?? this.privateKey);
  }
}
