import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Person } from './activities.js';

/** A Teams member record as the connector's `GET /v3/conversations/{id}/members/{userId}` returns it. */
export interface TeamsMember {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
  givenName?: string;
  surname?: string;
  tenantId?: string;
  userRole?: string;
}

/** A person as the connector answers a look-up of them. */
export function teamsMember(p: Person): TeamsMember {
  const [givenName = p.name, surname = ''] = p.name.split(' ');
  return { id: p.id, name: p.name, aadObjectId: p.aadObjectId, email: p.email, userPrincipalName: p.email, givenName, surname, tenantId: 't', userRole: 'user' };
}

export interface RecordedCall {
  method: string;
  path: string;
  conversationId: string;
  /** The activity id in the path: the one replied to (POST) or updated (PUT). */
  activityId?: string;
  body: Record<string, unknown>;
  /** The Authorization header the bot sent (its token for the connector), if any. */
  authorization?: string;
  /** The id the connector gave the activity posted (what a reply in its thread names). */
  answeredId?: string;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

/**
 * Stands in for Teams' Bot Connector service at the activity's serviceUrl: records what the bot
 * sends (replies, typing, updates) and answers member look-ups the way the real service does.
 */
export class ConnectorRecorder {
  readonly calls: RecordedCall[] = [];
  readonly members = new Map<string, TeamsMember>();
  /** The connector finds each of these people by Teams user id or by AAD object id. */
  addPeople(people: readonly Person[]): void {
    for (const p of people) {
      const member = teamsMember(p);
      this.members.set(p.id, member);
      this.members.set(p.aadObjectId, member);
    }
  }

  /** Member look-ups answered since the start. */
  memberLookups = 0;
  /** When set, member look-ups fail with this status (the connector being down). */
  memberLookupStatus?: number;
  /** Roster reads (`GET …/pagedmembers`) asked for since the start, page by page. */
  rosterReads = 0;
  /** Of those, the pages answered (after `rosterDelayMs`). */
  rosterPagesAnswered = 0;
  /** How long a roster read takes, in ms (a slow Teams). */
  rosterDelayMs = 0;
  /** The conversations the bot started (`POST /v3/conversations`), with what it asked for. */
  readonly started: Array<{ id: string; body: Record<string, unknown> }> = [];
  /**
   * Conversations the bot is not a member of (a chat where someone used the message extension):
   * member look-ups there are refused as Teams refuses them, 403 BotNotInConversationRoster.
   */
  readonly conversationsWithoutBot = new Set<string>();
  /**
   * Posts to these conversations (a channel's threads included) are refused as Teams refuses them:
   * 403 once the bot was removed or blocked, 429 with Retry-After when it sends too fast, 413 for
   * a message too large (Teams' MessageSizeTooBig), for the next `times` posts.
   */
  readonly refusals = new Map<string, { status: 403 | 413 | 429; times: number; retryAfterS?: number }>();
  /** Posts refused by `refusals`, in order. */
  readonly refused: RecordedCall[] = [];
  /** Posts to these conversations are read and never answered: a connector that hangs. */
  readonly silent = new Set<string>();
  private server?: Server;
  private nextId = 1;
  url = '';

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const raw = await readBody(req);
      const m = url.pathname.match(/^\/v3\/conversations\/([^/]+)(?:\/(activities|members|pagedmembers)(?:\/([^/]+))?)?$/);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/v3/conversations' && req.method === 'POST') {
        // Teams answers a one-to-one chat's creation with its id, the same for the same person.
        const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        const [member] = (body.members as Array<{ id?: string }> | undefined) ?? [];
        const id = `a:personal-${member?.id ?? 'nobody'}`;
        this.started.push({ id, body });
        return send(201, { id });
      }
      if (!m) return send(404, { error: { code: 'NotFound', message: 'unknown route' } });
      const conversationId = decodeURIComponent(m[1]!);
      const member = m[3] === undefined ? undefined : decodeURIComponent(m[3]);
      if (m[2] === 'members' && req.method === 'GET' && member) {
        this.memberLookups++;
        if (this.memberLookupStatus) return send(this.memberLookupStatus, { error: { code: 'ServiceError', message: 'down' } });
        if (this.conversationsWithoutBot.has(conversationId)) {
          return send(403, { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } });
        }
        const found = this.members.get(member);
        return found ? send(200, found) : send(404, { error: { code: 'MemberNotFound', message: 'The member was not found.' } });
      }
      if (m[2] === 'pagedmembers' && req.method === 'GET') {
        this.rosterReads++;
        await new Promise((resolve) => setTimeout(resolve, this.rosterDelayMs));
        if (this.memberLookupStatus) return send(this.memberLookupStatus, { error: { code: 'ServiceError', message: 'down' } });
        if (this.conversationsWithoutBot.has(conversationId)) {
          return send(403, { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } });
        }
        this.rosterPagesAnswered++;
        return send(200, this.rosterPage(Number(url.searchParams.get('pageSize') ?? 200), Number(url.searchParams.get('continuationToken') ?? 0)));
      }
      if (m[2] === 'activities' && (req.method === 'POST' || req.method === 'PUT')) {
        if (this.silent.has(conversationId.split(';')[0]!)) return;
        const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        const refusal = this.refusals.get(conversationId.split(';')[0]!);
        if (refusal && refusal.times > 0) {
          refusal.times--;
          this.refused.push({ method: req.method, path: url.pathname, conversationId, activityId: member, body });
          if (refusal.status === 429) {
            res.setHeader('Retry-After', String(refusal.retryAfterS ?? 1));
            return send(429, { error: { code: 'Throttled', message: 'Too many requests.' } });
          }
          if (refusal.status === 413) return send(413, { error: { code: 'MessageSizeTooBig', message: 'Message size too large' } });
          return send(403, { error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation with the bot.' } });
        }
        const answeredId = req.method === 'PUT' ? member : `reply-${this.nextId++}`;
        this.calls.push({ method: req.method, path: url.pathname, conversationId, activityId: member, body, answeredId, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
        return send(200, { id: answeredId });
      }
      send(405, { error: { code: 'BadRequest', message: 'unsupported' } });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** One page of the roster as Teams answers it: `{ members, continuationToken }`, the token absent on the last page. */
  private rosterPage(pageSize: number, from: number): { members: TeamsMember[]; continuationToken?: string } {
    // `members` holds each person under both their ids.
    const everyone = [...new Set(this.members.values())];
    const next = from + pageSize;
    return { members: everyone.slice(from, next), ...(next < everyone.length ? { continuationToken: String(next) } : {}) };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      // Posts left unanswered (`silent`) would hold the close forever.
      this.server.closeAllConnections();
    });
  }

  clear(): void {
    this.calls.length = 0;
  }

  /** Messages the bot sent (not typing), in order. */
  messages(): RecordedCall[] {
    return this.calls.filter((c) => c.method === 'POST' && c.body.type === 'message');
  }

  updates(): RecordedCall[] {
    return this.calls.filter((c) => c.method === 'PUT');
  }

  /**
   * Waits until `count` updates have arrived: the bot answers a card action first and redraws the
   * card for everyone without holding the answer back. Fails after `timeoutMs`.
   */
  async waitForUpdates(count: number, timeoutMs = 3000): Promise<RecordedCall[]> {
    const until = Date.now() + timeoutMs;
    while (this.updates().length < count) {
      if (Date.now() > until) throw new Error(`expected ${count} card update(s), got ${this.updates().length}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return this.updates();
  }

  typing(): RecordedCall[] {
    return this.calls.filter((c) => c.body.type === 'typing');
  }
}

/** The Adaptive Card inside a recorded message, or undefined. */
export function cardOf(call: RecordedCall | undefined): Record<string, unknown> | undefined {
  const attachments = call?.body.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined;
  return attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}
