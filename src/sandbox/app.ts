/**
 * The sandbox's HTTP face: a restify server serving the Ticketing API under /ticketing/v1.
 * Every request below the base passes a gate (record, faults, key, rate limit, read-only key)
 * before its route; every answer, error or not, is JSON with the API's error body.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import restify from 'restify';
import { ApiError, errorBody, invalidParameter } from './errors.js';
import type { Dialect } from './dialect.js';
import type { Fault, FaultSwitch } from './faults.js';
import {
  changeStatus, getActivities, getInstance, getTags, getTicket, getTickets, postComment, postTicket,
  putTicket, type ReadHandler, type ReadInput, type Reply, type WriteHandler,
} from './handlers.js';
import { readJsonObject } from './jsonBody.js';
import { LIST_PARAMETERS } from './query.js';
import { parseTimezone } from './dates.js';
import type { SlidingWindowLimiter } from './rateLimit.js';
import type { SandboxStore } from './store.js';

export const BASE_PATH = '/ticketing/v1';

/** One request the sandbox received below its base path. */
export interface RecordedRequest {
  method: string;
  /** The path below the base, e.g. '/tickets/abc'. */
  path: string;
  /** Query parameters without `key`. */
  query: Record<string, string>;
  keyKind: 'primary' | 'secondary' | 'none' | 'invalid';
  /** The status answered; 0 while unanswered, and for a dropped connection. */
  status: number;
  /** A write's JSON body, once read. */
  body?: Record<string, unknown>;
}

export interface AppContext {
  primaryKey: string;
  secondaryKey: string;
  store: SandboxStore;
  faults: FaultSwitch;
  limiter: SlidingWindowLimiter;
  requests: RecordedRequest[];
  dialect: Dialect;
  /** False: `requests` stays empty (a long-running sandbox). */
  recordRequests: boolean;
  log: (line: string) => void;
}

export interface App {
  server: restify.Server;
  /** Cancels delayed requests still waiting (on close). */
  cancelPending(): void;
}

/** What the gate learnt about a request, for its route and its answer. */
interface Exchange {
  record: RecordedRequest;
  params: Map<string, string>;
  duplicates: string[];
  key?: string;
  fault?: Fault;
  startedAt: number;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** The methods each ticket route takes, by what follows `/tickets/{id}`. */
const DOCUMENTED_TICKET_ROUTES: Readonly<Record<string, readonly string[]>> = {
  '': ['GET', 'PUT'], '/status': ['PUT', 'POST'], '/activities': ['GET'], '/comments': ['POST'],
};
const LIVE_TICKET_ROUTES: Readonly<Record<string, readonly string[]>> = {
  '': ['GET', 'PUT'], '/status': ['PUT'], '/activities': ['GET', 'POST'],
};
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Splits a raw URL into its path and query parameters, noting names given more than once. */
function splitUrl(url: string): { path: string; params: Map<string, string>; duplicates: string[] } {
  const cut = url.indexOf('?');
  const path = cut === -1 ? url : url.slice(0, cut);
  const params = new Map<string, string>();
  const duplicates: string[] = [];
  for (const [name, value] of new URLSearchParams(cut === -1 ? '' : url.slice(cut + 1))) {
    if (params.has(name)) duplicates.push(name);
    params.set(name, value);
  }
  return { path, params, duplicates };
}

function statusFaultCode(status: number): string {
  const codes: Record<number, string> = {
    400: 'InvalidParameter', 401: 'InvalidKey', 403: 'ReadOnlyKey', 404: 'NotFound', 409: 'InvalidTransition',
    429: 'RateLimitExceeded', 500: 'InternalError', 502: 'BadGateway', 503: 'ServiceUnavailable', 504: 'GatewayTimeout',
  };
  return codes[status] ?? 'ServiceError';
}

export function createApp(context: AppContext): App {
  const exchanges = new WeakMap<IncomingMessage, Exchange>();
  const timers = new Set<NodeJS.Timeout>();
  const server = restify.createServer({ name: 'ticketing-sandbox' });

  const finish = (req: restify.Request, status: number): void => {
    const exchange = exchanges.get(req);
    if (!exchange) return;
    exchange.record.status = status;
    const query = new URLSearchParams(exchange.record.query).toString();
    const outcome = status === 0 ? 'dropped' : String(status);
    context.log(`${exchange.record.method} ${BASE_PATH}${exchange.record.path}${query ? `?${query}` : ''} ${outcome} ${Date.now() - exchange.startedAt}ms`);
  };

  /** Answers, unless the request's fault says to drop the connection instead, or the caller has gone. */
  const send = (req: restify.Request, res: restify.Response, applied: Reply, raw?: string): void => {
    const socket: Socket | null = req.socket;
    const fault = exchanges.get(req)?.fault;
    if (fault?.kind === 'dropAfterApply') {
      socket?.destroy();
      finish(req, 0);
      return;
    }
    let reply = applied;
    if (fault?.kind === 'statusAfterApply') {
      const failure = new ApiError(fault.status, statusFaultCode(fault.status), `The service answered ${fault.status} after doing the request (injected fault).`);
      reply = { status: fault.status, body: errorBody(failure, context.dialect) };
      raw = undefined;
    }
    if (res.headersSent || res.writableEnded || !socket || socket.destroyed) return;
    const payload = raw ?? JSON.stringify(reply.body);
    finish(req, reply.status);
    res.sendRaw(reply.status, payload, {
      'Content-Type': JSON_TYPE,
      'Content-Length': String(Buffer.byteLength(payload)),
      ...reply.headers,
    });
  };

  const sendError = (req: restify.Request, res: restify.Response, error: unknown): void => {
    if (error instanceof ApiError) {
      send(req, res, { status: error.status, body: errorBody(error, context.dialect), headers: { ...error.headers } });
      return;
    }
    context.log(`sandbox error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    const internal = new ApiError(500, 'InternalError', 'The sandbox failed to handle the request.');
    send(req, res, { status: 500, body: errorBody(internal, context.dialect) });
  };

  /** A ticket route the router could not match because its id does not decode is still a ticket route. */
  const ticketRoute = (method: string, path: string): boolean => {
    const match = /^\/tickets\/[^/]+(\/[a-z]+)?$/.exec(path.slice(BASE_PATH.length));
    const methods = context.dialect === 'live' ? LIVE_TICKET_ROUTES : DOCUMENTED_TICKET_ROUTES;
    return match !== null && path.startsWith(`${BASE_PATH}/`) && (methods[match[1] ?? ''] ?? []).includes(method);
  };

  const notFound = (req: restify.Request, res: restify.Response): void => {
    const { path } = splitUrl(req.url ?? '/');
    const method = req.method ?? '';
    sendError(req, res, ticketRoute(method, path)
      ? new ApiError(404, 'TicketNotFound', 'No ticket has this id.')
      : new ApiError(404, 'NotFound', `There is no ${method} ${path.slice(0, 200)} in this API.`));
  };

  /** After faults: key, rate limit, read-only key. Returns false when it has answered. */
  const admit = (req: restify.Request, res: restify.Response, exchange: Exchange): boolean => {
    const { keyKind } = exchange.record;
    if (keyKind === 'none') {
      sendError(req, res, new ApiError(401, 'MissingKey', 'The API key is missing: pass it as the "key" query parameter.'));
      return false;
    }
    if (keyKind === 'invalid' || exchange.key === undefined) {
      sendError(req, res, new ApiError(401, 'InvalidKey', 'The API key is not valid for this instance.'));
      return false;
    }
    const admission = context.limiter.admit(exchange.key);
    if (!admission.admitted) {
      const { retryAfterS } = admission;
      sendError(req, res, new ApiError(429, 'RateLimitExceeded', `Too many requests for this key; retry in ${retryAfterS} s.`, { 'Retry-After': String(retryAfterS) }));
      return false;
    }
    if (keyKind === 'secondary' && WRITE_METHODS.has(req.method ?? '')) {
      sendError(req, res, new ApiError(403, 'ReadOnlyKey', 'The secondary key is read-only; writes need the primary key.'));
      return false;
    }
    return true;
  };

  /** Faults come first so tests can simulate an outage whatever the key; then `admit`. */
  const gate = (req: restify.Request, res: restify.Response, next: (proceed?: false) => void): void => {
    try {
      screen(req, res, next);
    } catch (error) {
      sendError(req, res, error);
      next(false);
    }
  };

  const screen = (req: restify.Request, res: restify.Response, next: (proceed?: false) => void): void => {
    const { path, params, duplicates } = splitUrl(req.url ?? '/');
    if (path !== BASE_PATH && !path.startsWith(`${BASE_PATH}/`)) {
      notFound(req, res);
      next(false);
      return;
    }
    const method = req.method ?? 'GET';
    const given = params.get('key');
    const keyKind: RecordedRequest['keyKind'] = given === undefined ? 'none'
      : duplicates.includes('key') ? 'invalid'
        : sameKey(given, context.primaryKey) ? 'primary'
          : sameKey(given, context.secondaryKey) ? 'secondary' : 'invalid';
    const query = Object.fromEntries([...params].filter(([name]) => name !== 'key'));
    const record: RecordedRequest = { method, path: path.slice(BASE_PATH.length), query, keyKind, status: 0 };
    if (context.recordRequests) context.requests.push(record);
    const exchange: Exchange = {
      record, params, duplicates, startedAt: Date.now(),
      ...(keyKind === 'primary' || keyKind === 'secondary' ? { key: given } : {}),
    };
    exchanges.set(req, exchange);
    params.delete('key');

    const fault = context.faults.take(method, record.path);
    if (fault) exchange.fault = fault;
    switch (fault?.kind) {
      case 'dropBeforeRead':
        req.socket?.destroy();
        finish(req, 0);
        next(false);
        return;
      case 'status':
        sendError(req, res, new ApiError(
          fault.status,
          fault.code ?? statusFaultCode(fault.status),
          `The service answered ${fault.status} (injected fault).`,
          fault.retryAfterS !== undefined ? { 'Retry-After': String(fault.retryAfterS) } : {},
        ));
        next(false);
        return;
      case 'malformed':
        send(req, res, { status: 200, body: undefined }, '{"items": [{"id": "');
        next(false);
        return;
      case 'emptySuccess':
        send(req, res, { status: 200, body: { error: false } });
        next(false);
        return;
      case 'delay': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!req.socket || req.socket.destroyed) return next(false);
          next(admit(req, res, exchange) ? undefined : false);
        }, fault.ms);
        timers.add(timer);
        return;
      }
      default:
        next(admit(req, res, exchange) ? undefined : false);
    }
  };

  /** Route-level checks shared by every endpoint: parameters it accepts, `timezone`. */
  const readInput = (req: restify.Request, accepted: readonly string[]): ReadInput => {
    const exchange = exchanges.get(req);
    if (!exchange) throw new Error('request passed no gate');
    const duplicate = exchange.duplicates.find((name) => name !== 'key');
    if (duplicate !== undefined) throw invalidParameter(`The parameter "${duplicate.slice(0, 64)}" is given more than once.`);
    for (const name of exchange.params.keys()) {
      if (!accepted.includes(name)) {
        throw invalidParameter(`The parameter "${name.slice(0, 64)}" is not supported here.`);
      }
    }
    const tz = exchange.params.get('timezone');
    const params: unknown = req.params;
    const id = typeof params === 'object' && params !== null && 'id' in params && typeof params.id === 'string' ? params.id : '';
    const token = req.headers.continuationtoken;
    return {
      id,
      params: exchange.params,
      dialect: context.dialect,
      timezone: tz === undefined ? 0 : parseTimezone(tz),
      ...(typeof token === 'string' && token !== '' ? { continuationToken: token } : {}),
    };
  };

  const read = (handler: ReadHandler, accepted: readonly string[] = ['timezone']) =>
    (req: restify.Request, res: restify.Response, next: restify.Next): void => {
      try {
        send(req, res, handler(context.store, readInput(req, accepted)));
      } catch (error) {
        sendError(req, res, error);
      }
      next();
    };

  const write = (handler: WriteHandler) =>
    (req: restify.Request, res: restify.Response, next: restify.Next): void => {
      const run = async (): Promise<void> => {
        try {
          const input = readInput(req, ['timezone']);
          const body = await readJsonObject(req);
          const exchange = exchanges.get(req);
          if (exchange) exchange.record.body = body;
          send(req, res, handler(context.store, { ...input, body }));
        } catch (error) {
          sendError(req, res, error);
        }
      };
      run()
        .catch((error: unknown) => context.log(`sandbox error while answering: ${String(error)}`))
        .finally(() => next());
    };

  server.pre(gate);
  server.get(`${BASE_PATH}/tickets`, read(getTickets, LIST_PARAMETERS));
  server.post(`${BASE_PATH}/tickets`, write(postTicket));
  server.get(`${BASE_PATH}/tickets/:id`, read(getTicket));
  server.put(`${BASE_PATH}/tickets/:id`, write(putTicket));
  server.put(`${BASE_PATH}/tickets/:id/status`, write(changeStatus));
  server.get(`${BASE_PATH}/tickets/:id/activities`, read(getActivities));
  // Each dialect has only its own write routes: the other's answer 404, so a client that speaks
  // the wrong one is caught. The page titles the status change PUT and shows POST in its example.
  if (context.dialect === 'live') {
    server.post(`${BASE_PATH}/tickets/:id/activities`, write(postComment));
  } else {
    server.post(`${BASE_PATH}/tickets/:id/status`, write(changeStatus));
    server.post(`${BASE_PATH}/tickets/:id/comments`, write(postComment));
  }
  server.get(`${BASE_PATH}/instance`, read(getInstance));
  server.get(`${BASE_PATH}/tags`, read(getTags));

  const routeMissing = (req: restify.Request, res: restify.Response, _err: unknown, callback: () => void): void => {
    notFound(req, res);
    callback();
  };
  server.on('NotFound', routeMissing);
  server.on('MethodNotAllowed', routeMissing);
  server.on('restifyError', (req: restify.Request, res: restify.Response, err: unknown, callback: () => void) => {
    if (!res.headersSent) sendError(req, res, err);
    callback();
  });

  return {
    server,
    cancelPending: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
