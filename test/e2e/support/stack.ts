/**
 * Everything a person's session needs, on loopback: the sandbox Ticketing API and the bot
 * (in-process, as `npm start` wires them), the Microsoft 365 Agents Playground pointed at the bot
 * (a child process, through src/playground.ts, as `npm start` runs it), and a fresh headless
 * Chromium on the Playground's page.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { startPlayground, type Playground } from '../../../src/playground.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/index.js';
import { recordingLogger, type LogRecord } from '../../support/logRecords.js';

/** Debian's Chromium; playwright-core downloads no browser. CHROMIUM_PATH overrides it. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
/** Only loopback is reachable: anything else is refused at once, and noted. */
const LOOPBACK = /^(https?|wss?):\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//;

export class E2eStack {
  sandbox!: Sandbox;
  app!: App;
  playground!: Playground;
  context!: BrowserContext;
  page!: Page;
  /** The bot's log lines. */
  readonly logs: LogRecord[] = [];
  /** Requests the page tried to make beyond loopback (all refused). */
  readonly offLoopback: string[] = [];
  private workDir?: string;

  async start(): Promise<this> {
    this.workDir = await mkdtemp(join(tmpdir(), 'tickets-e2e-'));
    this.sandbox = await startSandbox({ port: 0 });
    const config = loadConfig({});
    this.app = await startApp({
      ...config,
      port: 0,
      ticketing: { ...config.ticketing, baseUrl: this.sandbox.baseUrl, apiKey: this.sandbox.primaryKey, readOnlyKey: undefined },
    }, recordingLogger(this.logs), '127.0.0.1');
    this.playground = await startPlayground({
      botEndpoint: `${this.app.server.url}/api/messages`,
      port: 0,
      logFile: join(this.workDir, 'playground.log'),
    });
    this.context = await chromium.launchPersistentContext(join(this.workDir, 'chromium-profile'), {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1400, height: 1000 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    await this.context.route((url) => !LOOPBACK.test(url.href) && url.protocol !== 'data:' && url.protocol !== 'blob:', (route) => {
      this.offLoopback.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    this.page = this.context.pages()[0] ?? await this.context.newPage();
    this.page.setDefaultTimeout(15_000);
    return this;
  }

  async stop(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    await this.playground?.stop();
    await this.app?.close();
    await this.sandbox?.close();
    if (this.workDir) await rm(this.workDir, { recursive: true, force: true });
  }
}
