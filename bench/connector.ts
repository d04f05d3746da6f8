import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Person } from '../test/support/activities.js';
import { teamsMember, type TeamsMember } from '../test/support/connector.js';

/** How an answer reads to the person: served, served from a recent copy (the API busy), refused as busy, or another error card. */
export type Verdict = 'ok' | 'copy' | 'busy' | 'error';

const BUSY = 'The helpdesk is busy; try again';
/** src/cards/format.ts copyNote. */
const COPY = 'The helpdesk is busy, so this is how it looked';
/** src/features/addComment.ts: the comment went in, only the ticket could not be read to show it. */
const COMMENT_ADDED = 'Your comment was added.';
/** Every error card (cards/error.json) and a create form sent back with a problem open with this. */
const ERROR_OPENING = '"body":[{"type":"Container","style":"attention"';

/** Classifies a serialized answer (reply activity, invoke body) by plain string search: cheap at any rate. */
export function verdictOf(json: string): Verdict {
  if (json.includes(BUSY)) return 'busy';
  if (json.includes(COPY)) return 'copy';
  if (json.includes(COMMENT_ADDED)) return 'ok';
  if (json.includes(ERROR_OPENING)) return 'error';
  // A message extension's text answer (search, command box) is how those invokes say no.
  if (json.includes('"composeExtension":{"type":"message"')) return 'error';
  return 'ok';
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A lean stand-in for Teams' Bot Connector at the activity's serviceUrl, for the bench: answers
 * member look-ups, accepts replies, typing and card updates, and keeps only counters and, per
 * replied-to activity id, the verdict of the reply (taken and forgotten by the load generator), so
 * that it can take hundreds of thousands of calls in constant memory. test/support/connector.ts
 * keeps every body, which is right for tests and wrong here.
 */
export class BenchConnector {
  readonly counts = { replies: 0, typing: 0, updates: 0, memberLookups: 0, other: 0 };
  private readonly members = new Map<string, TeamsMember>();
  private readonly verdicts = new Map<string, Verdict>();
  private server?: Server;
  private nextId = 1;
  url = '';
  /** When set, the body of the latest reply (not typing) is kept in `lastReply`: for recording one answer, not under load. */
  keepReplies = false;
  lastReply: string | undefined;
  /** When set, posts to this conversation (its threads included) are kept as when they came and their summary: the notifications' delays. */
  watched: string | undefined;
  readonly watchedPosts: Array<{ at: number; summary: string }> = [];

  addPeople(people: readonly Person[]): void {
    for (const p of people) {
      const member = teamsMember(p);
      this.members.set(p.id, member);
      this.members.set(p.aadObjectId, member);
    }
  }

  /** Each answer waits this long first: the network between a bot and Teams' connector, in section 2's felt turns. */
  delayMs = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const answer = (status: number, body: unknown) => {
          const text = JSON.stringify(body);
          res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
          res.end(text);
        };
        const send = (status: number, body: unknown) => {
          if (this.delayMs > 0) setTimeout(() => answer(status, body), this.delayMs);
          else answer(status, body);
        };
        const path = (req.url ?? '/').split('?')[0]!;
        const m = /^\/v3\/conversations\/([^/]+)(?:\/(activities|members)(?:\/([^/]+))?)?$/.exec(path);
        if (!m) return send(404, { error: { code: 'NotFound', message: 'unknown route' } });
        const target = m[3] === undefined ? undefined : decodeURIComponent(m[3]);
        if (m[2] === 'members' && req.method === 'GET' && target) {
          this.counts.memberLookups++;
          const found = this.members.get(target);
          return found ? send(200, found) : send(404, { error: { code: 'MemberNotFound', message: 'The member was not found.' } });
        }
        if (m[2] === 'activities' && req.method === 'PUT') {
          this.counts.updates++;
          return send(200, { id: target });
        }
        if (m[2] === 'activities' && req.method === 'POST') {
          if (this.watched !== undefined && decodeURIComponent(m[1]!).split(';')[0] === this.watched) {
            this.watchedPosts.push({ at: Date.now(), summary: String((JSON.parse(raw) as { summary?: unknown }).summary ?? '') });
          }
          if (raw.includes('"type":"typing"')) this.counts.typing++;
          else {
            this.counts.replies++;
            if (target) this.verdicts.set(target, verdictOf(raw));
            if (this.keepReplies) this.lastReply = raw;
          }
          return send(200, { id: `reply-${this.nextId++}` });
        }
        this.counts.other++;
        send(405, { error: { code: 'BadRequest', message: 'unsupported' } });
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The verdict of the reply to `activityId` (undefined: no reply was sent), forgotten once read. */
  takeVerdict(activityId: string): Verdict | undefined {
    const verdict = this.verdicts.get(activityId);
    this.verdicts.delete(activityId);
    return verdict;
  }

  /** Forgets verdicts nobody took (the echo bot's, for instance). */
  clearVerdicts(): void {
    this.verdicts.clear();
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
