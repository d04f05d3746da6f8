import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import type { KeySource } from '../../src/ticketing/index.js';
import { ADELE, ALEX, type Person } from './activities.js';
import { ConnectorRecorder } from './connector.js';

export interface HarnessOptions {
  sandbox?: SandboxOptions;
  /** Start the bot with only the read-only key. */
  readOnly?: boolean;
  /** The bot's own rate limit (defaults to the service's 100 per 60 s). */
  rateLimit?: { limit: number; windowMs: number };
  people?: Person[];
  /** Where the bot takes its API keys from (Key Vault) instead of the sandbox's own. */
  keys?: KeySource;
}

export interface PostResult {
  status: number;
  body: unknown;
}

/**
 * The real bot server and the real sandbox on loopback, with a recorder standing in for Teams'
 * connector service. Tests post Teams-shaped activities and read what came back.
 */
export class Harness {
  sandbox!: Sandbox;
  app!: App;
  readonly connector = new ConnectorRecorder();
  readonly logs: string[] = [];

  constructor(private readonly options: HarnessOptions = {}) {}

  async start(): Promise<this> {
    this.sandbox = await startSandbox({ port: 0, ...this.options.sandbox });
    await this.connector.start();
    for (const p of this.options.people ?? [ADELE, ALEX]) {
      const member = {
        id: p.id, name: p.name, aadObjectId: p.aadObjectId, email: p.email, userPrincipalName: p.email,
        givenName: p.name.split(' ')[0], surname: p.name.split(' ')[1], tenantId: 't', userRole: 'user',
      };
      // The connector finds a member by Teams user id or by AAD object id.
      this.connector.members.set(p.id, member);
      this.connector.members.set(p.aadObjectId, member);
    }
    const config = loadConfig({});
    this.app = await startApp({
      ...config,
      port: 0,
      ticketing: {
        ...config.ticketing,
        baseUrl: this.sandbox.baseUrl,
        apiKey: this.options.readOnly ? undefined : this.sandbox.primaryKey,
        readOnlyKey: this.options.readOnly ? this.sandbox.secondaryKey : undefined,
        rateLimit: this.options.rateLimit ?? config.ticketing.rateLimit,
        ...(this.options.keys ? { keys: this.options.keys } : {}),
      },
    }, (line) => this.logs.push(line), '127.0.0.1');
    return this;
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.connector.stop();
    await this.sandbox?.close();
  }

  get serviceUrl(): string {
    return this.connector.url;
  }

  /** Posts an activity (or any body) to /api/messages, as Teams does, and returns the HTTP answer. */
  async post(activity: unknown, raw = false): Promise<PostResult> {
    const response = await fetch(`${this.app.server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw ? String(activity) : JSON.stringify(activity),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, body };
  }

  /** Requests the sandbox received since the last `resetCounts()`, leaving out the cached instance/tags reads. */
  apiCalls(): Array<{ method: string; path: string }> {
    return this.sandbox.requests
      .filter((r) => r.path !== '/instance' && r.path !== '/tags')
      .map((r) => ({ method: r.method, path: r.path }));
  }

  resetCounts(): void {
    this.sandbox.requests.length = 0;
    this.connector.clear();
  }
}
