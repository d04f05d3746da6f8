import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import restify from 'restify';
import type { BotAuthConfig } from './config.js';
import type { TicketBot } from './bot.js';
import type { Readiness } from './readiness.js';

export interface BotServer {
  /** The URL the server listens on, e.g. http://127.0.0.1:3978 */
  url: string;
  adapter: CloudAdapter;
  /** Stops taking requests, waits for turns in flight (up to `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

export interface ServerOptions {
  port: number;
  host?: string;
  bot: TicketBot;
  /** Unset: local mode (Agents Playground, tests): no Bot Framework token is required or sent. */
  auth?: BotAuthConfig;
  log: (line: string) => void;
  /** GET /readyz: what the instance can serve now (default: ready once listening). */
  readiness?: () => Promise<Readiness>;
}

/** Activities are small; anything bigger is not from Teams. */
const MAX_BODY_BYTES = 512 * 1024;

/**
 * A conversation id as channels write them (Teams: `a:…`, `19:…@thread.tacv2;messageid=…`): printable
 * ASCII. The connector client puts it in a URL and a header, where anything else cannot be sent.
 */
const CONVERSATION_ID = /^[\x21-\x7e]{1,1024}$/;

/** The least every activity from Teams carries; anything less is refused before the SDK sees it. */
function isActivityShaped(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const a = body as Record<string, unknown>;
  const idOf = (value: unknown) => (typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined);
  const conversationId = idOf(a.conversation);
  return typeof a.type === 'string' && typeof a.serviceUrl === 'string' && typeof idOf(a.from) === 'string'
    && typeof conversationId === 'string' && CONVERSATION_ID.test(conversationId);
}

export function createAdapter(auth: BotAuthConfig | undefined, log: (line: string) => void): CloudAdapter {
  const settings: ConfigurationBotFrameworkAuthenticationOptions = auth
    ? { MicrosoftAppId: auth.appId, MicrosoftAppPassword: auth.appPassword, MicrosoftAppType: auth.appType, MicrosoftAppTenantId: auth.tenantId }
    : {};
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(settings));
  adapter.onTurnError = async (context, error) => {
    // Only the error's kind is logged: its message may hold a URL or a payload.
    log(`turn ${context.activity?.id ?? '-'} error ${error instanceof Error ? error.name : typeof error}`);
    if (context.activity?.type === 'message') {
      await context.sendActivity('Sorry, something went wrong on my side. Please try again.').catch(() => undefined);
    }
  };
  return adapter;
}

export async function startServer(options: ServerOptions): Promise<BotServer> {
  const adapter = createAdapter(options.auth, options.log);
  const server = restify.createServer({ name: 'tickets-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));

  let inFlight = 0;
  let idle: (() => void) | undefined;
  server.post('/api/messages', async (req, res) => {
    if (!isActivityShaped(req.body)) {
      res.send(400, { error: 'Expected a Bot Framework activity.' });
      return;
    }
    inFlight++;
    try {
      await adapter.process(req, res, (context) => options.bot.run(context));
    } catch (error) {
      options.log(`request failed ${error instanceof Error ? error.name : typeof error}`);
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
    const report = options.readiness ? await options.readiness() : { ready: true, checks: {} };
    res.send(report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'not ready', checks: report.checks });
  });

  await new Promise<void>((resolve, reject) => {
    const refuse = (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === 'EADDRINUSE' ? `port ${options.port} is already in use (set PORT to another)` : `cannot listen on port ${options.port} (${error.code ?? 'error'})`));
    server.once('error', refuse);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.removeListener('error', refuse);
      resolve();
    });
  });
  const address = server.address();
  const url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;

  return {
    url,
    adapter,
    close: async (graceMs = 10_000) => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((resolve) => (idle = resolve)), new Promise((r) => setTimeout(r, graceMs).unref())]);
      }
      server.server.closeAllConnections?.();
      await closed;
    },
  };
}
