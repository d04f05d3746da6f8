/**
 * A bot under measurement, in its own process so that its CPU time and memory are its own (the
 * load generator, the sandbox and the connector stand-in live in bench/run.ts's process).
 *
 * BENCH_BOT (JSON) says which: `{"kind":"tickets", baseUrl, apiKey, rateLimit}` starts the real
 * app (src/app.ts, what `npm start` runs) against the given Ticketing API; `{"kind":"echo"}` starts
 * the same restify server and CloudAdapter (src/server.ts) with a bare echo bot instead;
 * `{"kind":"floor", …}` the echo bot doing, per action, only what our bot does outside itself: the
 * same API request, the same answer, the same card update (what no logic can save).
 * The parent talks to it over IPC: `stats`, `gc`, `stop`.
 */
import { CardFactory, TeamsActivityHandler, type Attachment, type InvokeResponse, type TurnContext } from 'botbuilder';
import ky from 'ky';
import { startApp, type App } from '../src/app.js';
import type { TicketBot } from '../src/bot.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import type { Dialect } from '../src/ticketing/types.js';
import { startServer, type BotServer } from '../src/server.js';
import { AfterTurnWork } from '../src/afterTurn.js';
import { reportReaders } from './reportsSection.js';
import { benchUsers } from './users.js';

/**
 * The simulated people are the helpdesk's agents (HELPDESK_AGENTS), as its busiest users are: a
 * requester's clicks on other people's tickets would be quick refusals and flatter every figure.
 */
const BENCH_AGENTS = [...benchUsers(150), ...reportReaders(20)].map((p) => p.aadObjectId).join(',');

export type BotSpec =
  /**
   * `notify`: the notification poller runs (10 % of the budget, every `pollS`); without it, off, so that API counts are the actions' own.
   * `redisUrl`: a replica sharing its state there with `replicas - 1` others (REDIS_URL, TICKETING_REPLICAS).
   */
  | { kind: 'tickets'; baseUrl: string; apiKey: string; rateLimit: { limit: number; windowMs: number }; dialect?: Dialect; notify?: { pollS: number }; redisUrl?: string; replicas?: number }
  | { kind: 'echo' }
  /** The floor: the echo bot doing, per action, what our bot does outside itself (bench/run.ts records it). */
  | { kind: 'floor'; baseUrl: string; apiKey: string; ticketIds: string[]; plans: Partial<Record<FloorAction, ActionPlan>> };

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

export type ToChild = { cmd: 'stats' | 'gc' | 'stop'; seq: number };
export type FromChild = { type: 'ready'; url: string } | { type: 'stats'; seq: number; stats: BotStats } | { type: 'stopped'; seq: number };

const SMALL_CARD = {
  type: 'AdaptiveCard', version: '1.5',
  body: [{ type: 'TextBlock', text: 'Done', wrap: true }],
};

/** One API request as our bot made it for an action (recorded at the sandbox). */
export interface CallPlan {
  method: string;
  /** Below the base URL, without a leading slash; `{id}` stands for the ticket the turn is about. */
  path: string;
  /** Query parameters, without `key`. */
  query: Record<string, string>;
  body?: Record<string, unknown>;
}

/** What our bot does outside itself for one action: its API request, if any, and its answer as sent. */
export interface ActionPlan {
  call?: CallPlan;
  /** A message's reply (text, attachments, layout and input hint as our bot sent them), or an invoke's answer body. */
  reply: { text?: string; summary?: string; attachments?: Attachment[]; attachmentLayout?: string; inputHint?: string } | { invokeBody: unknown };
}

/** The actions the floor bot tells apart, by what any bot reads anyway: a message's first word, an invoke's name and verb. */
export type FloorAction = 'help' | 'list' | 'show' | 'resolve' | 'create';

function floorActionOf(activity: TurnContext['activity']): FloorAction | undefined {
  if (activity.type === 'message') {
    const word = (activity.text ?? '').trim().split(/\s+/)[0];
    return word === 'help' || word === 'list' || word === 'show' ? word : undefined;
  }
  if (activity.name === 'composeExtension/submitAction') return 'create';
  const verb: unknown = (activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
  return activity.name === 'adaptiveCard/action' && verb === 'resolve' ? 'resolve' : undefined;
}

/**
 * Makes our bot's API request for an action through the same HTTP client, called as
 * src/ticketing/client.ts calls it (ky with the same timeout and retry options, the query as
 * searchParams), and reads and parses the answer.
 */
function apiCaller(baseUrl: string, apiKey: string, ticketIds: string[]) {
  const statusCodes = [429, 502, 503, 504];
  const http = ky.create({
    prefixUrl: baseUrl, timeout: 10_000, redirect: 'manual', throwHttpErrors: false, headers: { accept: 'application/json' },
    retry: { limit: 2, methods: ['get'], statusCodes, afterStatusCodes: statusCodes, retryOnTimeout: true, jitter: true },
  });
  let next = 0;
  return async (plan: CallPlan, activity: TurnContext['activity']): Promise<void> => {
    const fromCard: unknown = (activity.value as { action?: { data?: { ticketId?: unknown } } } | undefined)?.action?.data?.ticketId;
    const id = typeof fromCard === 'string' ? fromCard : ticketIds[next++ % ticketIds.length]!;
    const response = await http(plan.path.replace('{id}', id), {
      method: plan.method,
      searchParams: { key: apiKey, ...plan.query },
      ...(plan.body ? { json: plan.body } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`floor call ${plan.method} ${plan.path}: HTTP ${response.status}`);
    JSON.parse(text);
  };
}

/**
 * The baseline: replies to a message with its text; answers any invoke with a small card. With
 * `plans` (the floor), for an action it knows it does what our bot does outside itself and nothing
 * else: the same API request, the same answer (recorded), and after a card click the same update
 * of the clicked message for everyone, not awaited, as ours.
 */
class EchoBot extends TeamsActivityHandler {
  private readonly call?: ReturnType<typeof apiCaller>;
  /** The server waits for it on stop, as for ours. */
  readonly afterTurn = new AfterTurnWork();

  constructor(private readonly plans?: Partial<Record<FloorAction, ActionPlan>>, api?: { baseUrl: string; apiKey: string; ticketIds: string[] }) {
    super();
    if (api) this.call = apiCaller(api.baseUrl, api.apiKey, api.ticketIds);
    this.onMessage(async (context, next) => {
      const plan = this.planOf(context);
      if (plan?.call) await this.call?.(plan.call, context.activity);
      if (plan && !('invokeBody' in plan.reply)) await context.sendActivity({ type: 'message', ...plan.reply });
      else await context.sendActivity(context.activity.text ?? '');
      await next();
    });
  }

  private planOf(context: TurnContext): ActionPlan | undefined {
    const action = floorActionOf(context.activity);
    return action ? this.plans?.[action] : undefined;
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const plan = this.planOf(context);
    if (!plan || !('invokeBody' in plan.reply)) {
      return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: SMALL_CARD } };
    }
    if (plan.call) await this.call?.(plan.call, context.activity);
    const replyTo = context.activity.replyToId;
    const card = (plan.reply.invokeBody as { value?: unknown }).value;
    if (replyTo && plan.call?.method !== 'GET') {
      void context.updateActivity({ type: 'message', id: replyTo, attachments: [CardFactory.adaptiveCard(card)] }).catch(() => undefined);
    }
    return { status: 200, body: plan.reply.invokeBody };
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
  // The bot under test logs nothing (as before pino): the bench measures its turns, not its output.
  // A replica on Redis says only when it lost Redis or got it back: a bench result with that is read differently.
  const redisLines = { write: (record: string) => { if ((JSON.parse(record) as { component?: string }).component === 'redis') process.stderr.write(`bot ${process.pid}: ${record}`); } };
  const log = createLogger({ format: 'json', level: spec.kind === 'tickets' && spec.redisUrl ? 'info' : 'silent', destination: redisLines });
  let server: BotServer;
  let app: App | undefined;
  if (spec.kind === 'tickets') {
    const config = loadConfig({
      HELPDESK_AGENTS: BENCH_AGENTS,
      ...(spec.notify ? { NOTIFY_BUDGET_PERCENT: '10', NOTIFY_POLL_S: String(spec.notify.pollS) } : { NOTIFY_BUDGET_PERCENT: '0' }),
      ...(spec.redisUrl ? { REDIS_URL: spec.redisUrl, TICKETING_REPLICAS: String(spec.replicas ?? 1) } : {}),
    });
    app = await startApp({
      ...config,
      port: 0,
      ticketing: { ...config.ticketing, baseUrl: spec.baseUrl, apiKey: spec.apiKey, readOnlyKey: undefined, rateLimit: spec.rateLimit, dialect: spec.dialect ?? config.ticketing.dialect },
    }, log, '127.0.0.1');
    // startApp warms the instance and tags in the background; be sure they are in before measuring.
    await app.client.getInstance();
    await app.client.getTags();
    server = app.server;
  } else {
    // The very server our bot runs on (src/server.ts), with the echo bot in place of TicketBot.
    const bot = spec.kind === 'floor' ? new EchoBot(spec.plans, spec) : new EchoBot();
    server = await startServer({ port: 0, host: '127.0.0.1', bot: bot as unknown as TicketBot, log });
  }

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
    } else if (raw.cmd === 'stop') {
      void (app ? app.close() : server.close(1000)).finally(() => {
        reply({ type: 'stopped', seq: raw.seq });
        process.disconnect?.();
        setTimeout(() => process.exit(0), 50).unref();
      });
    }
  });
  // The bench is gone (it failed, or was stopped): nobody is measuring.
  process.on('disconnect', () => process.exit(0));
  process.send?.({ type: 'ready', url: server.url } satisfies FromChild);
}

main().catch((error: unknown) => {
  console.error(`bench bot could not start: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
