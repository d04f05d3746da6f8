import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { startSandbox, statusLabel, type Dialect, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import type { KeySource } from '../../src/ticketing/index.js';
import type { Status } from '../../src/ticketing/types.js';
import { ADELE, ALEX, type Person } from './activities.js';
import { ConnectorRecorder } from './connector.js';
import { recordingLogger, type LogRecord } from './logRecords.js';

export interface HarnessOptions {
  sandbox?: SandboxOptions;
  /** Start the bot with only the read-only key. */
  readOnly?: boolean;
  /** The bot's own rate limit (defaults to the service's 100 per 60 s). */
  rateLimit?: { limit: number; windowMs: number };
  people?: Person[];
  /** Settings read as from the environment (e.g. the bot's credentials); default none: local mode. */
  env?: Record<string, string>;
  /** The dialect the bot is set for, when it should differ from the sandbox's (a misconfiguration). */
  botDialect?: Dialect;
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
  /** What the bot logged, record by record. */
  readonly logs: LogRecord[] = [];
  readonly replicas: App[] = [];
  private config!: Config;

  constructor(private readonly options: HarnessOptions = {}) {}

  async start(): Promise<this> {
    this.sandbox = await startSandbox({ port: 0, ...this.options.sandbox });
    await this.connector.start();
    this.connector.addPeople(this.options.people ?? [ADELE, ALEX]);
    // With credentials the bot keeps its replay claims on disk: each harness gets a folder of its own.
    // The notification poller reads the API on its own timer: off unless a test asks for it, so
    // that request counts are the test's own.
    const env: Record<string, string> = { NOTIFY_BUDGET_PERCENT: '0', ...this.options.env };
    this.config = loadConfig(env.MicrosoftAppId && !env.STATE_DIR ? { ...env, STATE_DIR: mkdtempSync(join(tmpdir(), 'tickets-bot-test-')) } : env);
    await this.startBot();
    return this;
  }

  /** Stops the bot (not the sandbox nor the connector) and starts it again, as a restart would. */
  async restartBot(): Promise<void> {
    await this.app.close();
    await this.startBot();
  }

  /** Another bot process's worth (a replica) on the same settings, sandbox and connector; stopped with the harness. */
  async startReplica(): Promise<App> {
    const replica = await this.launch();
    this.replicas.push(replica);
    return replica;
  }

  private async startBot(): Promise<void> {
    this.app = await this.launch();
  }

  private launch(): Promise<App> {
    const config = this.config;
    return startApp({
      ...config,
      port: 0,
      ticketing: {
        ...config.ticketing,
        baseUrl: this.sandbox.baseUrl,
        apiKey: this.options.readOnly ? undefined : this.sandbox.primaryKey,
        readOnlyKey: this.options.readOnly ? this.sandbox.secondaryKey : undefined,
        rateLimit: this.options.rateLimit ?? config.ticketing.rateLimit,
        dialect: this.options.botDialect ?? this.sandbox.dialect,
        ...(this.options.keys ? { keys: this.options.keys } : {}),
      },
    }, recordingLogger(this.logs));
  }

  async stop(): Promise<void> {
    for (const replica of this.replicas.splice(0)) await replica.close();
    await this.app?.close();
    await this.connector.stop();
    await this.sandbox?.close();
  }

  /** The dialect the sandbox speaks (and the bot is set for): `live` unless the options say. */
  get dialect(): Dialect {
    return this.options.sandbox?.dialect ?? 'live';
  }

  /** How a stored status reads on a card in this dialect (`Started` is `In Progress` live). */
  label(status: Status): string {
    return statusLabel(status, this.dialect);
  }

  /** Where the bot posts a comment in this dialect. */
  commentPath(ticketId: string): string {
    return `/tickets/${ticketId}/${this.dialect === 'live' ? 'activities' : 'comments'}`;
  }

  get serviceUrl(): string {
    return this.connector.url;
  }

  /** Posts an activity (or any body) to /api/messages, as Teams does, and returns the HTTP answer. */
  async post(activity: unknown, raw = false, headers: Record<string, string> = {}): Promise<PostResult> {
    return this.postTo(this.app, activity, raw, headers);
  }

  /** Posts to one replica (or the first bot). */
  async postTo(app: App, activity: unknown, raw = false, headers: Record<string, string> = {}): Promise<PostResult> {
    const response = await fetch(`${app.server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
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
