/**
 * A bot under measurement, in its own process so that its CPU time and memory are its own (the
 * load generator, the sandbox and the connector stand-in live in bench/run.ts's process).
 *
 * BENCH_BOT (JSON) says which: `{"kind":"tickets", baseUrl, apiKey, rateLimit}` starts the real
 * app (src/app.ts, what `npm start` runs) against the given Ticketing API; `{"kind":"echo"}` starts
 * the same restify server and CloudAdapter (src/server.ts) with a bare echo bot instead;
 * `{"kind":"echo-api", …}` the echo bot making one plain API call per turn (the floor for a turn that
 * needs the API).
 * The parent talks to it over IPC: `stats`, `gc`, `stop`.
 */
import { writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { Session } from 'node:inspector';
import { TeamsActivityHandler, type InvokeResponse, type TurnContext } from 'botbuilder';
import { startApp, type App } from '../src/app.js';
import type { TicketBot } from '../src/bot.js';
import { loadConfig } from '../src/config.js';
import { startServer, type BotServer } from '../src/server.js';

export type BotSpec =
  | { kind: 'tickets'; baseUrl: string; apiKey: string; rateLimit: { limit: number; windowMs: number } }
  | { kind: 'echo' }
  /** The echo bot making one plain API call (GET one ticket, node:http, kept-alive) per turn before it answers. */
  | { kind: 'echo-api'; baseUrl: string; apiKey: string; ticketIds: string[] };

export interface BotStats {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** process.cpuUsage(), µs. */
  cpuUser: number;
  cpuSystem: number;
  gcAvailable: boolean;
}

export type ToChild = { cmd: 'stats' | 'gc' | 'stop' | 'profileStart'; seq: number } | { cmd: 'profileStop'; seq: number; path: string };
export type FromChild = { type: 'ready'; url: string } | { type: 'stats'; seq: number; stats: BotStats } | { type: 'stopped'; seq: number } | { type: 'done'; seq: number };

const SMALL_CARD = {
  type: 'AdaptiveCard', version: '1.5',
  body: [{ type: 'TextBlock', text: 'Done', wrap: true }],
};

/** The least an API call can cost here: node:http with a kept-alive agent, and JSON.parse. */
function apiGetter(baseUrl: string, apiKey: string, ticketIds: string[]): () => Promise<unknown> {
  const agent = new Agent({ keepAlive: true });
  let next = 0;
  return () => new Promise((resolve, reject) => {
    const id = ticketIds[next++ % ticketIds.length]!;
    const req = request(`${baseUrl}/tickets/${id}?key=${encodeURIComponent(apiKey)}&timezone=1`, { agent, headers: { accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (error) {
          reject(error);
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The baseline: replies to a message with its text; answers any invoke with a small card; optionally one API call first. */
class EchoBot extends TeamsActivityHandler {
  constructor(private readonly apiCall?: () => Promise<unknown>) {
    super();
    this.onMessage(async (context, next) => {
      await this.apiCall?.();
      await context.sendActivity(context.activity.text ?? '');
      await next();
    });
  }

  protected override async onInvokeActivity(_context: TurnContext): Promise<InvokeResponse> {
    await this.apiCall?.();
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: SMALL_CARD } };
  }
}

function stats(): BotStats {
  const m = process.memoryUsage();
  const c = process.cpuUsage();
  return {
    rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers,
    cpuUser: c.user, cpuSystem: c.system, gcAvailable: typeof globalThis.gc === 'function',
  };
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.env.BENCH_BOT ?? '{"kind":"echo"}') as BotSpec;
  const log = () => undefined;
  let server: BotServer;
  let app: App | undefined;
  if (spec.kind === 'tickets') {
    const config = loadConfig({});
    app = await startApp({
      ...config,
      port: 0,
      ticketing: { ...config.ticketing, baseUrl: spec.baseUrl, apiKey: spec.apiKey, readOnlyKey: undefined, rateLimit: spec.rateLimit },
    }, log, '127.0.0.1');
    // startApp warms the instance and tags in the background; be sure they are in before measuring.
    await app.client.getInstance();
    await app.client.getTags();
    server = app.server;
  } else {
    // The very server our bot runs on (src/server.ts), with the echo bot in place of TicketBot.
    const apiCall = spec.kind === 'echo-api' ? apiGetter(spec.baseUrl, spec.apiKey, spec.ticketIds) : undefined;
    server = await startServer({ port: 0, host: '127.0.0.1', bot: new EchoBot(apiCall) as unknown as TicketBot, log });
  }

  let session: Session | undefined;
  process.on('message', (raw: ToChild) => {
    const reply = (message: FromChild) => process.send?.(message);
    if (raw.cmd === 'stats') reply({ type: 'stats', seq: raw.seq, stats: stats() });
    else if (raw.cmd === 'gc') {
      // Several passes, with turns of the event loop between them, let finalizers and weak maps settle.
      const gc = globalThis.gc;
      const pass = (left: number) => {
        gc?.();
        if (left > 1) setImmediate(() => pass(left - 1));
        else setTimeout(() => reply({ type: 'stats', seq: raw.seq, stats: stats() }), 50);
      };
      pass(4);
    } else if (raw.cmd === 'profileStart') {
      // A V8 CPU profile of a chosen stretch only (node --cpu-prof would take start-up and warm-up too).
      session ??= new Session();
      session.connect();
      session.post('Profiler.enable', () => session!.post('Profiler.setSamplingInterval', { interval: 200 }, () =>
        session!.post('Profiler.start', () => reply({ type: 'done', seq: raw.seq }))));
    } else if (raw.cmd === 'profileStop') {
      session?.post('Profiler.stop', (error, result) => {
        if (!error) writeFileSync(raw.path, JSON.stringify(result.profile));
        session?.disconnect();
        reply({ type: 'done', seq: raw.seq });
      });
    } else if (raw.cmd === 'stop') {
      void (app ? app.close() : server.close(1000)).finally(() => {
        reply({ type: 'stopped', seq: raw.seq });
        process.disconnect?.();
        setTimeout(() => process.exit(0), 50).unref();
      });
    }
  });
  process.send?.({ type: 'ready', url: server.url } satisfies FromChild);
}

main().catch((error: unknown) => {
  console.error(`bench bot could not start: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
