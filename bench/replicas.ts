/**
 * Section 8: three replicas of the bot (real processes) on one Redis, against one replica alone,
 * both with the API's real limit and 150 people for the same time. What the shared budget serves
 * a minute, fresh and from the caches, whether any answer misses Teams' deadlines, and 0 × 429.
 */
import { startSandbox } from '../src/sandbox/index.js';
import { RedisServer } from '../test/support/redisServer.js';
import { BotHandle, cpuMs } from './botHandle.js';
import type { BenchConnector } from './connector.js';
import { BotClient, summarize } from './load.js';
import { mark, ms, num, type Report } from './report.js';
import { arrivalLog, benchUsers, mostInWindow, OUTCOME_HEADERS, outcomeRow, simulateUsers, type Arrivals, type Outcome } from './users.js';

const REAL = { limit: 100, windowMs: 60_000 };
const USERS = 150;
/** How long Teams waits: an invoke's answer about 5 s; a message's HTTP answer 15 s. */
const INVOKE_DEADLINE_MS = 5000;
const MESSAGE_DEADLINE_MS = 15_000;

interface Run {
  label: string;
  outcomes: Outcome[];
  requests: number;
  status429: number;
  mostInWindow: number;
  /** CPU time the bot processes used, in ms. */
  botCpuMs: number;
}

/** 150 people for `seconds` on `count` bot processes (user i on replica i % count), sharing Redis when there are several. */
async function usersOn(count: number, redisUrl: string | undefined, seconds: number, connector: BenchConnector, say: (line: string) => void): Promise<Run> {
  const arrivals: Arrivals = [];
  const sandbox = await startSandbox({ port: 0, rateLimit: REAL.limit, rateWindowS: REAL.windowMs / 1000, log: arrivalLog(arrivals) });
  const users = benchUsers(USERS);
  connector.addPeople(users);
  const shared = redisUrl ? { redisUrl, replicas: count } : {};
  const bots = await Promise.all(Array.from({ length: count }, () =>
    new BotHandle({ kind: 'tickets', baseUrl: sandbox.baseUrl, apiKey: sandbox.primaryKey, rateLimit: REAL, dialect: sandbox.dialect, ...shared }).start()));
  const clients = bots.map((bot) => new BotClient(bot.url));
  const label = count === 1 ? 'one replica alone' : `${count} replicas, one Redis`;
  say(`${label}: ${USERS} users for ${seconds} s against the real limit…`);
  try {
    const before = await Promise.all(bots.map((bot) => bot.stats()));
    const outcomes = await simulateUsers({ sandbox, connector, bots: clients, users, durationMs: seconds * 1000, progress: say });
    const after = await Promise.all(bots.map((bot) => bot.stats()));
    return {
      label, outcomes, requests: sandbox.requests.length,
      botCpuMs: before.reduce((sum, stats, i) => sum + cpuMs(stats, after[i]!), 0),
      status429: sandbox.requests.filter((r) => r.status === 429).length,
      mostInWindow: mostInWindow(arrivals, REAL.windowMs),
    };
  } finally {
    clients.forEach((c) => c.close());
    await Promise.all(bots.map((bot) => bot.stop()));
    await sandbox.close();
  }
}

/** `loadNote`: the machine's load over the section, given the CPU its bot processes used (ms). */
export async function sectionReplicas(opts: { seconds: number; connector: BenchConnector; report: Report; say: (line: string) => void; loadNote: (botCpuMs: number) => string }): Promise<void> {
  const { seconds, connector, report, say } = opts;
  const redis = await new RedisServer().start();
  let runs: Run[];
  try {
    runs = [await usersOn(1, undefined, seconds, connector, say), await usersOn(3, redis.url, seconds, connector, say)];
  } finally {
    await redis.stop();
  }
  const perMinute = (n: number) => num(n / (seconds / 60), 0);
  const worst = (list: Outcome[]) => summarize(list.map((o) => o.ms).filter(Number.isFinite)).max;
  const invokes = (run: Run) => run.outcomes.filter((o) => o.kind === 'invoke');
  const messages = (run: Run) => run.outcomes.filter((o) => o.kind === 'message');

  report.heading(`8. Replicas: ${USERS} users for ${seconds} s, three bot processes on one Redis against one alone`);
  report.text(`The sandbox at its real limit (${REAL.limit} / ${REAL.windowMs / 1000} s per key). The same ${USERS} people and mix as section 4 (one action every 3–10 s), `
    + 'first against one bot process with no Redis, then spread evenly over three bot processes sharing a redis-server (REDIS_URL, TICKETING_REPLICAS=3): '
    + 'one rate-limit window, one replay guard, one set of caches. "served" are fresh answers, "copy" answers from a read of the last minutes (any replica\'s) '
    + `when the API could not answer in time.\n\n${opts.loadNote(runs.reduce((sum, run) => sum + run.botCpuMs, 0))}\n`);
  report.table(['setup', 'answers / min', 'served / min', 'copy / min', 'busy / min', 'other', 'API requests', '429', 'most in any 60 s', 'invoke max ms', 'message max ms'],
    runs.map((run) => {
      const count = (v: Outcome['verdict']) => run.outcomes.filter((o) => o.verdict === v).length;
      return [run.label, perMinute(run.outcomes.length), perMinute(count('ok')), perMinute(count('copy')), perMinute(count('busy')),
        count('error') + count('no reply') + count('failed'), run.requests, run.status429, run.mostInWindow, ms(worst(invokes(run))), ms(worst(messages(run)))];
    }));
  const three = runs[1]!;
  report.table(OUTCOME_HEADERS, [outcomeRow('**3 replicas, invokes**', invokes(three)), outcomeRow('**3 replicas, messages**', messages(three))]);
  const invokeMax = worst(invokes(three));
  const messageMax = worst(messages(three));
  for (const run of runs) report.target({ section: '8', target: `${run.label}: 0 × 429 from the API`, figure: String(run.status429), ok: run.status429 === 0 });
  report.target({ section: '8', target: '3 replicas: every invoke inside 5 s', figure: `max ${ms(invokeMax)} ms`, ok: invokeMax <= INVOKE_DEADLINE_MS });
  report.target({ section: '8', target: '3 replicas: every message inside 15 s', figure: `max ${ms(messageMax)} ms`, ok: messageMax <= MESSAGE_DEADLINE_MS });
  say(`replicas: ${runs.map((r) => `${r.label} ${perMinute(r.outcomes.length)} answers/min, 429s ${r.status429} ${mark(r.status429 === 0)}`).join('; ')}`);
}
