/**
 * Azure AD's sign-in service on loopback, over HTTPS as MSAL requires: the per-tenant OpenID
 * metadata MSAL reads before its first token, and the v2.0 token endpoint answering the client
 * credentials grant a bot uses to call the connector. Its certificate is generated at start; a bot
 * process trusts it through NODE_EXTRA_CA_CERTS=`caFile`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generate } from 'selfsigned';

/** A client credentials grant as the token endpoint received it. */
export interface TokenGrant {
  tenant: string;
  form: Record<string, string>;
}

export class LoginServer {
  readonly grants: TokenGrant[] = [];
  /** The access tokens handed out, in order. */
  readonly tokens: string[] = [];
  /** When set, a grant with any other client secret is refused as Azure AD refuses it (401 invalid_client). */
  acceptedSecret?: string;
  /** The certificate's PEM file, for NODE_EXTRA_CA_CERTS. */
  caFile = '';
  #server?: Server;

  get url(): string {
    return `https://127.0.0.1:${(this.#server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    this.caFile = join(mkdtempSync(join(tmpdir(), 'login-ca-')), 'ca.pem');
    writeFileSync(this.caFile, pems.cert);
    this.#server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
      const url = new URL(req.url ?? '/', this.url);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      let raw = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (raw += chunk)).on('end', () => {
        const metadata = url.pathname.match(/^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/);
        if (req.method === 'GET' && metadata) {
          const base = `${this.url}/${metadata[1]}`;
          // The fields of Azure AD's document that MSAL reads.
          return send(200, {
            token_endpoint: `${base}/oauth2/v2.0/token`,
            authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
            end_session_endpoint: `${base}/oauth2/v2.0/logout`,
            issuer: `${this.url}/${metadata[1]}/v2.0`,
            jwks_uri: `${base}/discovery/v2.0/keys`,
            token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
            response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
          });
        }
        const token = url.pathname.match(/^\/([^/]+)\/oauth2\/v2\.0\/token$/);
        if (req.method === 'POST' && token) {
          const form = Object.fromEntries(new URLSearchParams(raw));
          this.grants.push({ tenant: token[1]!, form });
          if (this.acceptedSecret !== undefined && form.client_secret !== this.acceptedSecret) {
            return send(401, {
              error: 'invalid_client',
              error_description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${form.client_id}'.`,
              error_codes: [7000215],
            });
          }
          const accessToken = `fake-bot-token-${this.tokens.length + 1}`;
          this.tokens.push(accessToken);
          return send(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken });
        }
        send(404, { error: 'not_found', error_description: 'No such endpoint.' });
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
    if (this.caFile) rmSync(dirname(this.caFile), { recursive: true, force: true });
  }
}
