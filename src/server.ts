import pTimeout from 'p-timeout';
import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import restify from 'restify';
import { BodyRefused, readActivityBody } from './activityBody.js';
import { BotAuthenticator, type AuthenticateRequestResult } from './auth/botAuthentication.js';
import { AuthRefused } from './auth/tokenGate.js';
import type { BotAuthConfig } from './config.js';
import type { TicketBot } from './bot.js';
import type { Logger } from './log.js';
import type { Readiness } from './readiness.js';
import { turnLog } from './turnLog.js';
import { markArrival } from './turnArrival.js';
import { errorFields } from './errorKind.js';
import { languageOf, translatorFor } from './i18n/translate.js';
import { exportHandler } from './reports/exportRoute.js';
import type { Reports } from './reports/reports.js';

export interface BotServer {
  /** The URL the server listens on, e.g. http://127.0.0.1:3978 */
  url: string;
  adapter: CloudAdapter;
  /** Stops taking requests, waits for turns in flight (up to `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

export interface ServerOptions {
  port: number;
  /** e.g. `127.0.0.1` (loopback only) or `0.0.0.0` (every interface). */
  host: string;
  bot: TicketBot;
  /** Unset: local mode (Agents Playground, tests): no Bot Framework token is required or sent. */
  auth?: BotAuthConfig;
  log: Logger;
  /** GET /readyz: what the instance can serve now (default: ready once listening). */
  readiness?: () => Promise<Readiness>;
  /** Serves GET /exports/<token> (reports' CSV links); unset: no such route. */
  reports?: Reports;
}

/** Activities are small; anything bigger is not from Teams. */
const MAX_BODY_BYTES = 512 * 1024;
/** How long a stop waits for what is under way when its caller names no time (STOP_GRACE_S does in production). */
export const DEFAULT_GRACE_MS = 10_000;

/**
 * A conversation id as channels write them (Teams: `a:…`, `19:…@thread.tacv2;messageid=…`): printable
 * ASCII. The connector client puts it in a URL and a header, where anything else cannot be sent.
 */
const CONVERSATION_ID = /^[\x21-\x7e]{1,1024}$/;

/** The least every activity from Teams carries; anything less is refused before the SDK sees it. */
function isActivityShaped(body: unknown): body is Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const a = body as Record<string, unknown>;
  const idOf = (value: unknown) => (typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined);
  const conversationId = idOf(a.conversation);
  return typeof a.type === 'string' && typeof a.serviceUrl === 'string' && typeof idOf(a.from) === 'string'
    && typeof conversationId === 'string' && CONVERSATION_ID.test(conversationId);
}

/** The SDK's adapter, with the turn run for a request we authenticated ourselves. */
class TurnAdapter extends CloudAdapter {
  runTurn(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

function createAdapter(authenticator: BotAuthenticator, log: Logger): TurnAdapter {
  const adapter = new TurnAdapter(authenticator.sdk);
  adapter.onTurnError = async (context, error) => {
    // Only the error's kind is logged: its message may hold a URL or a payload.
    turnLog(context, log).error(errorFields(error), 'turn error');
    if (context.activity?.type === 'message') {
      const t = translatorFor(languageOf(context.activity.locale));
      await context.sendActivity(`${t('errors.unknown')} ${t('errors.unknownDetail')}`).catch(() => undefined);
    }
  };
  return adapter;
}

/** As the SDK reads an activity: its times as Dates, their text kept beside them (zoneOf reads it). */
function toActivity(body: Record<string, unknown>): Activity {
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    if (typeof body[field] === 'string') {
      body[raw] = body[field];
      body[field] = new Date(body[field]);
    }
  }
  return body as unknown as Activity;
}

/** Whether a service URL points at this machine: in local mode the bot talks to no one else. */
function isLoopback(serviceUrl: unknown): boolean {
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(String(serviceUrl)).hostname);
  } catch {
    return false;
  }
}

export async function startServer(options: ServerOptions): Promise<BotServer> {
  const authenticator = new BotAuthenticator(options.auth);
  const adapter = createAdapter(authenticator, options.log);
  const server = restify.createServer({ name: 'tickets-bot', handleUncaughtExceptions: false });

  let inFlight = 0;
  let idle: (() => void) | undefined;
  server.post('/api/messages', async (req, res) => {
    const arrived = Date.now();
    try {
      req.body = await readActivityBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (!(error instanceof BodyRefused)) throw error;
      // What was not read stays on the socket: close it rather than read on.
      res.header('Connection', 'close');
      res.send(error.status, { error: error.message });
      return;
    }
    if (!isActivityShaped(req.body)) {
      res.send(400, { error: 'Expected a Bot Framework activity.' });
      return;
    }
    if (!options.auth && !isLoopback(req.body.serviceUrl)) {
      // Without credentials nothing proves who sent the activity: answer no one but this machine.
      res.send(403, { error: 'In local mode the bot answers only clients on this machine.' });
      return;
    }
    const activity = toActivity(req.body);
    let auth: AuthenticateRequestResult;
    try {
      auth = await authenticator.authenticate(activity, String(req.headers.authorization ?? ''));
    } catch (error) {
      if (!(error instanceof AuthRefused)) throw error;
      options.log.warn({ reason: error.reason }, 'auth refused');
      res.send(401, { error: 'Unauthorized.' });
      return;
    }
    inFlight++;
    try {
      const answer = await adapter.runTurn(auth, activity, (context) => {
        markArrival(context, arrived);
        return options.bot.run(context);
      });
      res.send(answer?.status ?? 200, answer?.body);
    } catch (error) {
      options.log.error(errorFields(error), 'request failed');
      if (!res.headersSent) res.send(500, { error: 'The bot could not handle this activity.' });
    } finally {
      if (--inFlight === 0) idle?.();
    }
  });
  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });
  // Alive is not ready: /readyz also asks the parts a turn needs, so a platform can hold traffic back.
  server.get('/readyz', async (_req, res) => {
    const report = options.readiness ? await options.readiness() : { ready: true, degraded: false, checks: {} };
    const status = report.ready ? (report.degraded ? 'degraded' : 'ready') : 'not ready';
    res.send(report.ready ? 200 : 503, { status, checks: report.checks });
  });

  if (options.reports) server.get('/exports/*', exportHandler(options.reports, options.log.child({ component: 'exports' })));

  await new Promise<void>((resolve, reject) => {
    const refuse = (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === 'EADDRINUSE' ? `port ${options.port} is already in use (set PORT to another)` : `cannot listen on port ${options.port} (${error.code ?? 'error'})`));
    server.once('error', refuse);
    server.listen(options.port, options.host, () => {
      server.removeListener('error', refuse);
      resolve();
    });
  });
  const address = server.address();
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${address.port}`;

  return {
    url,
    adapter,
    close: async (graceMs = DEFAULT_GRACE_MS) => {
      const until = Date.now() + graceMs;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) {
        await pTimeout(new Promise<void>((resolve) => (idle = resolve)), { milliseconds: Math.max(1, graceMs), fallback: () => undefined });
      }
      // Then what the turns left running (a card update for everyone, a file upload), in what is left of the grace.
      await options.bot.afterTurn.settled(until - Date.now());
      server.server.closeAllConnections?.();
      await closed;
    },
  };
}
