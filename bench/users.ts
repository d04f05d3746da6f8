/**
 * People using the bot for a while against the API's real limit: each starts within the first 7 s,
 * then does one action every 3–10 s, drawn from MIX. Sections 4 (one bot) and 6 (replicas) share it.
 */
import type { Sandbox } from '../src/sandbox/index.js';
import { cardAction, extensionInvoke, message, type Person } from '../test/support/activities.js';
import type { Activity, Kind } from './actions.js';
import { verdictOf, type BenchConnector, type Verdict } from './connector.js';
import { ms } from './report.js';
import { sleep, summarize, type BotClient } from './load.js';

export const MIX: Array<{ name: string; weight: number; kind: Kind }> = [
  { name: 'list', weight: 25, kind: 'message' },
  { name: 'show <n>', weight: 25, kind: 'message' },
  { name: 'Find ticket (search)', weight: 20, kind: 'invoke' },
  { name: 'Comment click', weight: 15, kind: 'invoke' },
  { name: 'Resolve click', weight: 15, kind: 'invoke' },
];
const SEARCH_WORDS = ['printer', 'vpn', 'laptop', 'password', 'outlook', 'teams', 'monitor', 'access', 'email', 'wifi'];

export function benchUsers(count: number): Person[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `29:bench-user-${i}`,
    aadObjectId: `00000000-0000-0000-0000-${(0xb000 + i).toString(16).padStart(12, '0')}`,
    name: `Bench User${i}`,
    email: `bench.user${i}@contoso.com`,
  }));
}

export interface Outcome { action: string; kind: Kind; ms: number; verdict: Verdict | 'no reply' | 'failed' }

/** When each request reached the sandbox, and its status: fed by the sandbox's log (see `arrivalLog`). */
export type Arrivals = Array<{ at: number; status: number }>;

/** A sandbox `log` that records arrivals: one line per answered request ends "<status> <ms>ms"; the arrival is the answer less its duration. */
export function arrivalLog(arrivals: Arrivals): (line: string) => void {
  return (line) => {
    const m = / (\d{3}|dropped) (\d+)ms$/.exec(line);
    if (m) arrivals.push({ at: Date.now() - Number(m[2]), status: m[1] === 'dropped' ? 0 : Number(m[1]) });
  };
}

/** The most requests the sandbox admitted (not 429) in any `windowMs` (sliding, over arrivals). */
export function mostInWindow(arrivals: Arrivals, windowMs: number): number {
  const admitted = arrivals.filter((a) => a.status !== 429).map((a) => a.at).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < admitted.length; i++) {
    while (admitted[i]! - admitted[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/**
 * `users` act for `durationMs`; user i talks to `bots[i % bots.length]` (a person's turns go to
 * whichever replica the load balancer picks: here, spread evenly). Resolves with every answer.
 */
export async function simulateUsers(opts: {
  sandbox: Sandbox; connector: BenchConnector; bots: BotClient[]; users: Person[]; durationMs: number; progress: (line: string) => void;
}): Promise<Outcome[]> {
  const { sandbox, connector, bots, users, durationMs } = opts;
  const seeds = sandbox.store.all().map((t) => ({ id: t.id, number: t.number }));
  const where = { serviceUrl: connector.url };
  const reopener = { id: 'bench-reopener', name: 'Bench Reopener', email: 'reopener@contoso.com' };
  const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;
  const build = (name: string, who: Person): Activity => {
    switch (name) {
      case 'list': return message(who, pick(['list', 'list open', 'list urgent', 'list mine']), where);
      case 'show <n>': return message(who, `show ${pick(seeds).number}`, where);
      case 'Find ticket (search)':
        return extensionInvoke(who, 'composeExtension/query', { commandId: 'findTicket', parameters: [{ name: 'search', value: pick(SEARCH_WORDS) }], queryOptions: { skip: 0, count: 25 } }, where);
      case 'Comment click':
        return cardAction(who, 'comment', { ticketId: pick(seeds).id, comment: 'Any news on this one?' }, { ...where, replyToId: `card-${who.id}` });
      default: {
        const id = pick(seeds).id;
        // Someone resolved it already: reopen it (store call, before the clock starts), as a person would pick an open one.
        if (sandbox.store.find(id)?.status === 'Resolved') sandbox.store.changeStatus(id, { status: 'Reopened' }, reopener);
        return cardAction(who, 'resolve', { ticketId: id, resolution: 'fixed', comment: 'Done.' }, { ...where, replyToId: `card-${who.id}` });
      }
    }
  };
  const totalWeight = MIX.reduce((s, m) => s + m.weight, 0);
  const chooseAction = () => {
    let x = Math.random() * totalWeight;
    for (const m of MIX) if ((x -= m.weight) < 0) return m;
    return MIX[0]!;
  };

  const outcomes: Outcome[] = [];
  const end = Date.now() + durationMs;
  const user = async (who: Person, client: BotClient) => {
    await sleep(Math.random() * 7000);
    while (Date.now() < end) {
      const action = chooseAction();
      const activity = build(action.name, who);
      let outcome: Outcome;
      try {
        const answer = await client.post(activity);
        const verdict = answer.status !== 200 ? 'failed'
          : action.kind === 'message' ? connector.takeVerdict(activity.id) ?? 'no reply' : verdictOf(answer.body);
        outcome = { action: action.name, kind: action.kind, ms: answer.ms, verdict };
      } catch {
        outcome = { action: action.name, kind: action.kind, ms: NaN, verdict: 'failed' };
      }
      outcomes.push(outcome);
      const think = 3000 + Math.random() * 7000;
      if (Date.now() + think >= end) break;
      await sleep(think);
    }
  };
  const count = (v: Outcome['verdict']) => outcomes.filter((o) => o.verdict === v).length;
  const progress = setInterval(() => opts.progress(`  ${outcomes.length} answers, ${count('copy')} copies, ${count('busy')} busy, ${sandbox.requests.length} API requests`), 30_000);
  await Promise.all(users.map((who, i) => user(who, bots[i % bots.length]!)));
  clearInterval(progress);
  return outcomes;
}

/** A table row: answers by verdict, and latency of all of them and of the busy ones. */
export function outcomeRow(label: string, list: Outcome[]): Array<string | number> {
  const all = summarize(list.map((o) => o.ms).filter(Number.isFinite));
  const busy = list.filter((o) => o.verdict === 'busy');
  const busyS = summarize(busy.map((o) => o.ms).filter(Number.isFinite));
  const count = (v: Outcome['verdict']) => list.filter((o) => o.verdict === v).length;
  return [label, list.length, count('ok'), count('copy'), busy.length, count('error') + count('no reply') + count('failed'),
    ms(all.p50), ms(all.p95), ms(all.p99), ms(all.max), ms(busyS.p50), ms(busyS.max)];
}

export const OUTCOME_HEADERS = ['action', 'answers', 'served', 'copy', 'busy', 'other', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'busy p50 ms', 'busy max ms'];
