/**
 * Local stand-ins for the two Azure services the bot's secrets come from, speaking their documented
 * REST shapes on loopback:
 * - App Service's managed identity endpoint (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER`, api-version 2019-08-01);
 * - Key Vault's secrets API (`GET /secrets/{name}/{version?}`), with its bearer challenge on a request
 *   that carries no token.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: Server | undefined): Promise<void> {
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

export interface TokenRequest {
  resource: string | null;
  clientId: string | null;
}

/** App Service's managed identity endpoint: hands out tokens to a caller with the right header. */
export class FakeManagedIdentity {
  /** What App Service puts in `IDENTITY_HEADER`; a request without it is refused. */
  readonly header = 'fake-identity-header-5c1e';
  readonly requests: TokenRequest[] = [];
  /** The tokens handed out, in order; Key Vault accepts only these. */
  readonly tokens: string[] = [];
  #server?: Server;
  endpoint = '';

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.headers['x-identity-header'] !== this.header) return send(401, { statusCode: 401, message: 'No identity header' });
      if (url.searchParams.get('api-version') !== '2019-08-01') return send(400, { statusCode: 400, message: 'Unsupported api-version' });
      const request = { resource: url.searchParams.get('resource'), clientId: url.searchParams.get('client_id') };
      this.requests.push(request);
      const token = `fake-access-token-${this.tokens.length + 1}`;
      this.tokens.push(token);
      send(200, {
        access_token: token,
        expires_on: String(Math.floor(Date.now() / 1000) + 3600),
        resource: request.resource,
        token_type: 'Bearer',
        client_id: request.clientId ?? 'system-assigned',
      });
    });
    this.endpoint = `${await listen(this.#server)}/msi/token`;
    return this;
  }

  stop(): Promise<void> {
    return close(this.#server);
  }
}

/** Key Vault's secrets API. `secrets` is what a test sets (and rotates); `reads` counts each authorised GET. */
export class FakeKeyVault {
  /** The address the app is configured with; `httpClient` routes it here. */
  static readonly VAULT_URL = 'https://contoso-tickets-kv.vault.azure.net';
  readonly secrets = new Map<string, string>();
  readonly reads: string[] = [];
  /** When set, every secret read is answered with this status (the vault refusing the identity). */
  failWith?: number;
  #server?: Server;
  #versions = 0;
  url = '';

  constructor(private readonly identity: FakeManagedIdentity) {}

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith('Bearer ') || !this.identity.tokens.includes(auth.slice(7))) {
        // Key Vault's challenge: where to get a token, and for which resource.
        return send(401, { error: { code: 'Unauthorized', message: 'AKV10000: Request is missing a Bearer or PoP token.' } }, {
          'www-authenticate': 'Bearer authorization="https://login.microsoftonline.com/72f988bf-0000-0000-0000-2d7cd011db47", resource="https://vault.azure.net"',
        });
      }
      const m = url.pathname.match(/^\/secrets\/([0-9A-Za-z-]+)\/?([0-9a-f]*)$/);
      if (req.method !== 'GET' || !m || !url.searchParams.get('api-version')) return send(400, { error: { code: 'BadParameter', message: 'Bad request' } });
      const name = m[1]!;
      if (this.failWith) return send(this.failWith, { error: { code: 'Forbidden', message: 'The user, group or application does not have secrets get permission.' } });
      const value = this.secrets.get(name);
      if (value === undefined) return send(404, { error: { code: 'SecretNotFound', message: `A secret with (name/id) ${name} was not found in this key vault.` } });
      this.reads.push(name);
      const now = Math.floor(Date.now() / 1000);
      send(200, {
        value,
        id: `${FakeKeyVault.VAULT_URL}/secrets/${name}/${(++this.#versions).toString(16).padStart(32, '0')}`,
        attributes: { enabled: true, created: now, updated: now, recoveryLevel: 'Recoverable+Purgeable', recoverableDays: 90 },
        tags: {},
      });
    });
    this.url = await listen(this.#server);
    return this;
  }

  /** The SDK's default transport, with the vault's address sent to this fake instead (plain HTTP on loopback). */
  httpClient(): HttpClient {
    const transport = createDefaultHttpClient();
    return {
      sendRequest: async (request) => {
        if (!request.url.startsWith(FakeKeyVault.VAULT_URL)) return transport.sendRequest(request);
        // Only for the exchange: the SDK checks its challenge against the vault's real address afterwards.
        const { url, allowInsecureConnection } = request;
        request.url = this.url + url.slice(FakeKeyVault.VAULT_URL.length);
        request.allowInsecureConnection = true;
        try {
          return await transport.sendRequest(request);
        } finally {
          request.url = url;
          request.allowInsecureConnection = allowInsecureConnection;
        }
      },
    };
  }

  stop(): Promise<void> {
    return close(this.#server);
  }
}
