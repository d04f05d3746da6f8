/**
 * The bench: `npm run bench` (`tsx --expose-gc bench/run.ts`), `-- --quick` for a fast check.
 *
 * Everything on loopback: the embedded sandbox API, a stand-in for Teams' connector and the load
 * generator run here; the bot under measurement (ours, or a bare echo bot on the same restify +
 * CloudAdapter server) runs in a child process (bench/botProcess.ts) so its CPU and memory are
 * its own. Prints the figures and writes them to bench/results.md.
 *
 * Options: --quick (fewer iterations, 20 s for the 50-user part), --only=1,3 (only these
 * sections; 1 includes 2), --replicas-s=N (section 8's time per setup).
 *
 * It guards against regressions a person could feel (API calls, 429s, deadlines, memory, a turn
 * well above the floor); it is not a target to tune the code against.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { ADELE, ALEX, cardAction, createFormData, extensionInvoke, message, type Person } from '../test/support/activities.js';
import { benchActions, invokeCheck, messageCheck, type ActionDef, type Activity, type Kind } from './actions.js';
import { BotHandle, cpuMs } from './botHandle.js';
import { recordPlans } from './floor.js';
import { BenchConnector, verdictOf, type Verdict } from './connector.js';
import { BotClient, closedLoop, median, sleep, summarize, type Summary } from './load.js';
import { LoadMeter, describeMachine, ownCpuMs, sourceState, type LoadReading } from './machine.js';
import { sectionReplicas } from './replicas.js';
import { Report, mark, mb, ms, num, ratio } from './report.js';
import { sectionReports } from './reportsSection.js';
import { arrivalLog, benchUsers, MIX, mostInWindow, OUTCOME_HEADERS, outcomeRow, simulateUsers, type Arrivals } from './users.js';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const ONLY = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',').map(Number);
const runs = (section: number) => !ONLY || ONLY.includes(section);
/** Section 8's duration per setup, in s: --replicas-s=N; default 120, 20 with --quick. */
const REPLICAS_S = Number(args.find((a) => a.startsWith('--replicas-s='))?.slice('--replicas-s='.length) ?? (QUICK ? 20 : 120));

const P = QUICK
  ? { rounds: 1, c1: { warm: 20, n: 100 }, c32: { warm: 96, n: 400 }, felt: { warm: 5, n: 30 }, apiK: 10, usersS: 20, globalWarm: 200, memWarm: 500, memTurns: 3000, clicks: 1000 }
  // Six rounds rather than three: the machine's load drifts over seconds, and the median of more
  // per-round ratios moves less with it (three rounds moved a cell by up to 0.3). Each round long
  // enough to carry the garbage collection its own turns cause: with 100 turns at concurrency 1 a
  // major GC fell in a round or not by chance, and create's rounds spread 1.04–1.66; with 300, 1.06–1.24.
  : { rounds: 6, c1: { warm: 20, n: 300 }, c32: { warm: 64, n: 1000 }, felt: { warm: 10, n: 80 }, apiK: 20, usersS: 120, globalWarm: 300, memWarm: 500, memTurns: 10_000, clicks: 2000 };

const UNLIMITED = { limit: 1_000_000_000, windowMs: 60_000 };
const REAL = { limit: 100, windowMs: 60_000 };
const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
/** A felt turn's p50 may be this many times the floor's: more is a slowdown a person could feel. */
const P50_LIMIT = 1.5;
/**
 * The network in a felt turn: each API request and each call to Teams' connector takes this much
 * longer than on loopback. Less than any real hop over the internet; a longer one would only
 * bring ours ÷ floor closer to 1, so the guard is the stricter for it.
 */
const NET_MS = 20;

const report = new Report();
const machine = describeMachine();
const started = performance.now();

function say(line: string): void {
  const t = ((performance.now() - started) / 1000).toFixed(0).padStart(4);
  console.log(`[${t}s] ${line}`);
}

function loadText(load: LoadReading): string {
  return `load during this section: 1-min load average ${num(load.loadAvg1, 2)}; the machine used ${num(load.machineCores, 2)} of ${machine.cpus} cores, `
    + `of which ${num(load.otherCores, 2)} by processes other than the bench${load.stealCores > 0.01 ? `, ${num(load.stealCores, 2)} stolen by the hypervisor` : ''} (${num(load.seconds, 0)} s).`;
}

/** Our bot, set for the sandbox's dialect. */
async function startTicketsBot(sandbox: Sandbox, rateLimit: { limit: number; windowMs: number }): Promise<BotHandle> {
  return new BotHandle({ kind: 'tickets', baseUrl: sandbox.baseUrl, apiKey: sandbox.primaryKey, rateLimit, dialect: sandbox.dialect }).start();
}

// ---------------------------------------------------------------------------------------------
// 1 and 2: latency and throughput per action, ours and the echo bot, at concurrency 1 and 32.
// ---------------------------------------------------------------------------------------------

interface Block {
  latencies: number[];
  turnsPerS: number;
  botCpuMs: number;
  benchCpuMs: number;
  apiPerTurn: number;
  bad: number;
  badSamples: string[];
}

async function runBlock(opts: {
  bot: BotHandle; client: BotClient; sandbox: Sandbox; connector: BenchConnector; make: () => Activity;
  check: (a: { status: number; body: string }, act: Activity) => string | undefined; concurrency: number; warm: number; n: number;
}): Promise<Block> {
  const { bot, client, sandbox, connector, make, check, concurrency, warm, n } = opts;
  sandbox.setRateLimit(UNLIMITED.limit, 60); // also forgets the sandbox's counts, which it filters per request
  const checked = (a: { status: number; body: string }, act: unknown) => check(a, act as Activity);
  await closedLoop({ client, concurrency, total: warm, make, check: checked });
  connector.clearVerdicts();
  await sleep(100);
  const s0 = await bot.stats();
  const p0 = ownCpuMs();
  const r0 = sandbox.requests.length;
  const result = await closedLoop({ client, concurrency, total: n, make, check: checked });
  const s1 = await bot.stats();
  const p1 = ownCpuMs();
  return {
    latencies: result.latencies,
    turnsPerS: n / (result.elapsedMs / 1000),
    botCpuMs: cpuMs(s0, s1) / n,
    benchCpuMs: (p1 - p0) / n,
    apiPerTurn: (sandbox.requests.length - r0) / n,
    bad: result.bad,
    badSamples: result.badSamples,
  };
}

interface Cell {
  summary: Summary;
  turnsPerS: number;
  botCpuMs: number;
  benchCpuMs: number;
  apiPerTurn: number;
  bad: number;
  blocks: Block[];
}

function cellOf(blocks: Block[]): Cell {
  return {
    summary: summarize(blocks.flatMap((b) => b.latencies)),
    turnsPerS: median(blocks.map((b) => b.turnsPerS)),
    botCpuMs: median(blocks.map((b) => b.botCpuMs)),
    benchCpuMs: median(blocks.map((b) => b.benchCpuMs)),
    apiPerTurn: median(blocks.map((b) => b.apiPerTurn)),
    bad: blocks.reduce((s, b) => s + b.bad, 0),
    blocks,
  };
}

/** A per-round ratio of two cells measured in the same rounds, each round's. */
function roundRatios(a: Cell, b: Cell, of: (block: Block) => number): number[] {
  return a.blocks.map((block, i) => of(block) / of(b.blocks[i]!));
}

/** Median over rounds of a per-round ratio of two cells measured in the same rounds. */
function roundRatio(a: Cell, b: Cell, of: (block: Block) => number): number {
  return median(roundRatios(a, b, of));
}

/** "1.05–1.41": how far the rounds' ratios spread, which says how much a verdict near the limit means. */
function roundSpread(a: Cell, b: Cell, of: (block: Block) => number): string {
  const values = roundRatios(a, b, of);
  return `${num(Math.min(...values), 2)}–${num(Math.max(...values), 2)}`;
}
const p50Of = (block: Block) => summarize(block.latencies).p50;
const cpuOf = (block: Block) => block.botCpuMs;

type BotKey = 'ours' | 'echo' | 'floor';

async function sectionLatency(sandbox: Sandbox, connector: BenchConnector, numbers: number[], pool: string[]): Promise<void> {
  const handles: Record<BotKey, BotHandle> = {
    ours: await startTicketsBot(sandbox, UNLIMITED),
    echo: await new BotHandle({ kind: 'echo' }).start(),
    floor: undefined as unknown as BotHandle,
  };
  const plans = await recordPlans(handles.ours, sandbox, connector, benchActions(sandbox, connector, connector.url, numbers, pool));
  handles.floor = await new BotHandle({ kind: 'floor', baseUrl: sandbox.baseUrl, apiKey: sandbox.primaryKey, ticketIds: pool, plans }).start();
  const keys = Object.keys(handles) as BotKey[];
  const clients = Object.fromEntries(keys.map((k) => [k, new BotClient(handles[k].url)])) as Record<BotKey, BotClient>;
  const defs = benchActions(sandbox, connector, connector.url, numbers, pool);
  const echoCheck = (a: { status: number }, act: Activity) => {
    if (a.status !== 200) return `HTTP ${a.status}`;
    return act.type === 'message' && connector.takeVerdict(act.id) === undefined ? 'no reply' : undefined;
  };
  // Warm every bot up on every action first (JIT, connections, caches, the identity look-up), unmeasured.
  say(`warming up the bots (${P.globalWarm} turns per action each)…`);
  for (const concurrency of [8, 1]) {
    for (const def of defs) {
      for (const k of keys) {
        const warm = concurrency === 1 ? P.c1.warm * 2 : P.globalWarm;
        await runBlock({ bot: handles[k], client: clients[k], sandbox, connector, make: () => def.make(ADELE), check: () => undefined, concurrency, warm, n: 0 });
      }
    }
  }
  connector.clearVerdicts();
  const meter = new LoadMeter();
  const stats0 = await Promise.all(keys.map((k) => handles[k].stats()));
  const parent0 = ownCpuMs();

  const results: Array<{ def: ActionDef; c: number } & Record<BotKey, Cell>> = [];
  for (const def of defs) {
    for (const c of [1, 32]) {
      const size = c === 1 ? P.c1 : P.c32;
      const blocks: Record<BotKey, Block[]> = { ours: [], echo: [], floor: [] };
      for (let round = 0; round < P.rounds; round++) {
        // Rotate which bot goes first, so a change in the machine's load hits them alike.
        const order = keys.map((_, i) => keys[(i + round) % keys.length]!);
        for (const k of order) {
          const block = await runBlock({
            bot: handles[k], client: clients[k], sandbox, connector,
            make: () => def.make(ADELE), check: k === 'ours' ? def.check : echoCheck, concurrency: c, ...size,
          });
          if (block.bad > 0) say(`  ${k} ${def.name} c=${c}: ${block.bad} bad answers, e.g. ${block.badSamples.join(' / ')}`);
          blocks[k].push(block);
        }
      }
      const r = { def, c, ours: cellOf(blocks.ours), echo: cellOf(blocks.echo), floor: cellOf(blocks.floor) };
      results.push(r);
      say(`${def.name.padEnd(14)} c=${String(c).padEnd(2)} ours p50 ${ms(r.ours.summary.p50)} ms p99 ${ms(r.ours.summary.p99)} ms ${num(r.ours.turnsPerS, 0)}/s `
        + `cpu ${num(r.ours.botCpuMs, 2)} ms | echo p50 ${ms(r.echo.summary.p50)} ms ${num(r.echo.turnsPerS, 0)}/s cpu ${num(r.echo.botCpuMs, 2)} ms `
        + `| floor p50 ${ms(r.floor.summary.p50)} ms cpu ${num(r.floor.botCpuMs, 2)} ms | ours ÷ echo ${ratio(roundRatio(r.ours, r.echo, p50Of))} ÷ floor ${ratio(roundRatio(r.ours, r.floor, p50Of))}`);
    }
  }
  const stats1 = await Promise.all(keys.map((k) => handles[k].stats()));
  const load = meter.read(ownCpuMs() - parent0 + keys.reduce((sum, _, i) => sum + cpuMs(stats0[i]!, stats1[i]!), 0));

  // What a person feels: one turn at a time with the network in it, ours against the floor.
  say(`felt turns: every API request and connector call ${NET_MS} ms longer…`);
  sandbox.faults.inject({ kind: 'delay', ms: NET_MS, times: Number.MAX_SAFE_INTEGER });
  connector.delayMs = NET_MS;
  const felt: Array<{ def: ActionDef; ours: Cell; floor: Cell }> = [];
  for (const def of defs) {
    const blocks: Record<'ours' | 'floor', Block[]> = { ours: [], floor: [] };
    for (let round = 0; round < P.rounds; round++) {
      for (const k of round % 2 === 0 ? ['ours', 'floor'] as const : ['floor', 'ours'] as const) {
        const block = await runBlock({
          bot: handles[k], client: clients[k], sandbox, connector,
          make: () => def.make(ADELE), check: k === 'ours' ? def.check : echoCheck, concurrency: 1, ...P.felt,
        });
        if (block.bad > 0) say(`  ${k} ${def.name} felt: ${block.bad} bad answers, e.g. ${block.badSamples.join(' / ')}`);
        blocks[k].push(block);
      }
    }
    const r = { def, ours: cellOf(blocks.ours), floor: cellOf(blocks.floor) };
    felt.push(r);
    say(`${def.name.padEnd(14)} felt: ours p50 ${ms(r.ours.summary.p50)} ms | floor p50 ${ms(r.floor.summary.p50)} ms | ours ÷ floor ${ratio(roundRatio(r.ours, r.floor, p50Of))}`);
  }
  sandbox.faults.clear();
  connector.delayMs = 0;
  for (const k of keys) clients[k].close();
  for (const k of keys) await handles[k].stop();

  const sizes = `${P.rounds} round${P.rounds > 1 ? 's' : ''} per cell, the bots taking turns (which goes first rotates); each round ${P.c1.warm} warm-up + ${P.c1.n} measured turns at concurrency 1, `
    + `${P.c32.warm} + ${P.c32.n} at 32 (closed loop), after a warm-up of ${P.globalWarm} turns per action and bot at concurrency 8 and ${P.c1.warm * 2} at 1. Latency is the HTTP round trip of POST /api/messages seen by the load generator; for a message it includes the bot's reply `
    + `reaching the connector (CloudAdapter answers the POST after the turn). Percentiles pool every round's samples; turns/s and CPU are medians over rounds; `
    + `"bot CPU" is the bot process's own user+system time per turn (a figure other processes on the machine barely disturb), "bench CPU" that of the load generator + sandbox + connector process `
    + `(most of it the sandbox answering the API call, which the real service does elsewhere).`;

  report.heading('1. Our bot: turn latency and throughput (rate limits lifted)');
  report.text(`${sizes}\n\n${loadText(load)}\n`);
  report.table(
    ['action', 'conc.', 'p50 ms', 'p95 ms', 'p99 ms', 'turns/s', 'bot CPU ms/turn', 'bench CPU ms/turn', 'API calls/turn', 'bad answers'],
    results.map((r) => [r.def.name, r.c, ms(r.ours.summary.p50), ms(r.ours.summary.p95), ms(r.ours.summary.p99), num(r.ours.turnsPerS, 0),
      num(r.ours.botCpuMs, 2), num(r.ours.benchCpuMs, 2), num(r.ours.apiPerTurn, 2), r.ours.bad]),
  );
  report.heading('2. Echo bot on the same stack, and ours ÷ echo');
  report.text('The echo bot runs on src/server.ts (the same restify server, body parser and CloudAdapter with no auth) with a TeamsActivityHandler that replies '
    + 'to a message with its text through the same connector stand-in, and answers any invoke with a small card. It gets the very same activities. '
    + '"Floor" is that echo bot doing, per action, only what our bot does outside itself, recorded from a turn of ours: the same API request '
    + '(method, path, query and body as the sandbox received ours; the ticket from the card, or the next one of the pool for show) through the same HTTP client '
    + '(ky, with our client\'s options), its answer read and parsed; the same answer (our card, sent as it was recorded); after a Resolve click the same card '
    + 'update for everyone, not awaited. What our bot costs above the floor is its own work: parsing, identity, the rate limiter, reading the API\'s answer, building the card.\n');
  report.table(
    ['action', 'conc.', 'echo p50 ms', 'p95 ms', 'p99 ms', 'turns/s', 'bot CPU ms/turn', 'floor p50 ms', 'p99 ms', 'turns/s', 'bot CPU ms/turn'],
    results.map((r) => [r.def.name, r.c, ms(r.echo.summary.p50), ms(r.echo.summary.p95), ms(r.echo.summary.p99), num(r.echo.turnsPerS, 0), num(r.echo.botCpuMs, 2),
      ms(r.floor.summary.p50), ms(r.floor.summary.p99), num(r.floor.turnsPerS, 0), num(r.floor.botCpuMs, 2)]),
  );
  report.text('Ratios: p50 latency (median of the per-round ratios, and the lowest and highest of them), p99 (pooled), throughput, bot CPU per turn. "floor ÷ echo" is what the calls and the answer '
    + 'alone cost: no bot that answers these actions can be under it. On loopback the API answers in a fraction of a millisecond, so ours ÷ floor here is '
    + 'our own CPU (a millisecond or two a turn) and the queue it makes at concurrency 32: informative, a figure to compare across runs; the p50 guard is on felt turns, below.\n');
  report.table(
    ['action', 'conc.', 'p50 ours ÷ echo', 'p99 ours ÷ echo', 'bot CPU ours ÷ echo', 'p50 floor ÷ echo', 'p50 ours ÷ floor', 'p99 ours ÷ floor', 'turns/s floor ÷ ours', 'bot CPU ours ÷ floor'],
    results.map((r) => [r.def.name, r.c, ratio(roundRatio(r.ours, r.echo, p50Of)), ratio(r.ours.summary.p99 / r.echo.summary.p99), ratio(roundRatio(r.ours, r.echo, cpuOf)),
      ratio(roundRatio(r.floor, r.echo, p50Of)), `${ratio(roundRatio(r.ours, r.floor, p50Of))} (rounds ${roundSpread(r.ours, r.floor, p50Of)})`,
      ratio(r.ours.summary.p99 / r.floor.summary.p99), ratio(r.floor.turnsPerS / r.ours.turnsPerS), ratio(roundRatio(r.ours, r.floor, cpuOf))]),
  );
  report.text(`**Felt turns.** What a person feels is the time from a click to the answer, and the network is in it: here every API request and every call to the connector `
    + `takes ${NET_MS} ms more (the sandbox and the connector stand-in wait before answering), less than any real hop over the internet. One turn at a time, as a person acts, `
    + `ours and the floor in alternating order, ${P.rounds} round${P.rounds > 1 ? 's' : ''} of ${P.felt.warm} warm-up + ${P.felt.n} measured turns each. A message waits for the API `
    + `and then for its reply to reach the connector; an invoke for the API only (Teams reads the answer from the response). Target: ours ≤ ${P50_LIMIT}× the floor at p50, `
    + `the median of the per-round ratios: more is a slowdown a person could feel (an extra API call or connector call in a turn's path, or tens of ms of work).\n`);
  report.table(
    ['action', 'ours p50 ms', 'p95 ms', 'floor p50 ms', 'p95 ms', 'p50 ours ÷ floor', `target ≤ ${P50_LIMIT}×`],
    felt.map((r) => [r.def.name, ms(r.ours.summary.p50), ms(r.ours.summary.p95), ms(r.floor.summary.p50), ms(r.floor.summary.p95),
      `${ratio(roundRatio(r.ours, r.floor, p50Of))} (rounds ${roundSpread(r.ours, r.floor, p50Of)})`, mark(roundRatio(r.ours, r.floor, p50Of) <= P50_LIMIT)]),
  );
  for (const r of felt) {
    const p50 = roundRatio(r.ours, r.floor, p50Of);
    report.target({
      section: '2', target: `${r.def.name}, felt: p50 ≤ ${P50_LIMIT}× the floor`,
      figure: `${ratio(p50)}, rounds ${roundSpread(r.ours, r.floor, p50Of)} (${ms(r.ours.summary.p50)} vs ${ms(r.floor.summary.p50)} ms)`,
      ok: p50 <= P50_LIMIT,
    });
  }
  const bad = [...results, ...felt].reduce((s, r) => s + r.ours.bad, 0);
  if (bad > 0) report.text(`**${bad} answers of our bot were not the expected ones** (see the log): their latencies are in the figures above.\n`);
}

// ---------------------------------------------------------------------------------------------
// 3: API requests per action, counted at the sandbox.
// ---------------------------------------------------------------------------------------------

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

async function sectionApiCalls(sandbox: Sandbox, connector: BenchConnector, numbers: number[], pool: string[]): Promise<void> {
  const bot = await startTicketsBot(sandbox, UNLIMITED);
  const client = new BotClient(bot.url);
  sandbox.setRateLimit(UNLIMITED.limit, 60);
  const where = { serviceUrl: connector.url };
  const defs = benchActions(sandbox, connector, connector.url, numbers, pool);
  const def = (name: string) => defs.find((d) => d.name === name)!;
  const byMessage = messageCheck(connector);
  const cardCheck = invokeCheck('"type":"application/vnd.microsoft.card.adaptive"');
  // Tickets the bot has never read: created in the store (not through the API) just before the
  // rows that need them, after every row that lists tickets (a list shows the newest, and remembers them).
  const asAlex = { id: ALEX.aadObjectId, name: ALEX.name, email: ALEX.email };
  const unseen = (label: string) => Array.from({ length: P.apiK }, (_, i) =>
    sandbox.store.create({ title: `Bench ${label} ${i}`, requestor: asAlex, priority: 'Low' }, asAlex).id);
  let unseenForShow: string[] = [];
  let unseenForComment: string[] = [];
  let unseenForResolve: string[] = [];
  let k = 0;
  let r = 0;
  let u1 = 0;
  interface Row {
    name: string; target: number | undefined; note: string; make: () => Activity; check: ActionDef['check'];
    /** Sent before each measured one, uncounted. */
    before?: () => Activity;
    /** Run once before the row. */
    setup?: () => void;
  }
  const seedIds = pool;
  const rows: Row[] = [
    { name: 'help', target: 0, note: '', make: () => def('help').make(ADELE), check: def('help').check },
    { name: 'list', target: 1, note: '', make: () => def('list').make(ADELE), check: def('list').check },
    {
      name: 'show <n>', target: 1, note: 'a number shown before (the bot knows its ticket id)',
      before: () => message(ADELE, `show ${numbers[(k * 11) % numbers.length]}`, where),
      make: () => message(ADELE, `show ${numbers[(k++ * 11) % numbers.length]}`, where),
      check: byMessage,
    },
    {
      name: 'Resolve click', target: 1, note: 'on a card shown just before (the usual case)',
      before: () => cardAction(ADELE, 'show', { ticketId: seedIds[(r * 7) % seedIds.length] }, where),
      make: () => {
        const id = seedIds[(r++ * 7) % seedIds.length]!;
        // As benchActions does: a ticket an earlier click resolved is reopened in the store first.
        if (sandbox.store.find(id)?.status === 'Resolved') sandbox.store.changeStatus(id, { status: 'Reopened' }, asAlex);
        return cardAction(ADELE, 'resolve', { ticketId: id, resolution: 'fixed', comment: 'Fixed by the bench.' }, { ...where, replyToId: 'card-r' });
      },
      check: invokeCheck('Resolved'),
    },
    {
      name: 'Comment click', target: 1, note: 'on a card shown just before (the usual case)',
      before: () => cardAction(ADELE, 'show', { ticketId: seedIds[(k * 7) % seedIds.length] }, where),
      make: () => cardAction(ADELE, 'comment', { ticketId: seedIds[(k++ * 7) % seedIds.length], comment: 'Looking into it.' }, { ...where, replyToId: 'card-c' }),
      check: cardCheck,
    },
    { name: 'create submit', target: 1, note: 'the default priority', make: () => def('create submit').make(ADELE), check: def('create submit').check },
    {
      // The live service ignores a priority on create, so one update sets it.
      name: 'create submit, priority Important', target: sandbox.dialect === 'live' ? 2 : 1,
      note: sandbox.dialect === 'live' ? 'live: the create, then the priority it ignored' : '',
      make: () => extensionInvoke(ADELE, 'composeExtension/submitAction', { commandId: 'createTicket', commandContext: 'compose', data: createFormData(`Bench ticket, important ${k++}`) }, where),
      check: def('create submit').check,
    },
    {
      name: 'open create form', target: 0, note: 'instance and tags cached',
      make: () => extensionInvoke(ADELE, 'composeExtension/fetchTask', { commandId: 'createTicket', commandContext: 'compose' }, where),
      check: invokeCheck('"task":{"type":"continue"'),
    },
    {
      name: 'Find ticket (search)', target: 1, note: 'informative',
      make: () => extensionInvoke(ADELE, 'composeExtension/query', { commandId: 'findTicket', parameters: [{ name: 'search', value: 'printer' }], queryOptions: { skip: 0, count: 25 } }, where),
      check: invokeCheck('"composeExtension":{"type":"result"'),
    },
    {
      name: 'show <n>, first time', target: 1, note: 'informative: a number the bot has not seen (one search finds it)',
      setup: () => (unseenForShow = unseen('unseen')),
      make: () => message(ADELE, `show ${sandbox.store.find(unseenForShow[u1++ % unseenForShow.length]!)!.number}`, where),
      check: byMessage,
    },
    {
      name: 'Comment click, ticket never read by this bot', target: undefined, note: 'informative: the card is redrawn from the bot\'s last read of the ticket; here it has none (as after a restart)',
      setup: () => (unseenForComment = unseen('unseen again')),
      make: () => cardAction(ADELE, 'comment', { ticketId: unseenForComment[u2++ % unseenForComment.length], comment: 'Looking into it.' }, { ...where, replyToId: 'card-c2' }),
      check: cardCheck,
    },
    {
      name: 'Resolve click, ticket never read by this bot', target: undefined,
      note: 'informative: live, with custom workflows in the instance, the ticket is read first to find its workflow\'s resolved state',
      setup: () => (unseenForResolve = unseen('unseen to resolve')),
      make: () => cardAction(ADELE, 'resolve', { ticketId: unseenForResolve[u3++ % unseenForResolve.length], resolution: 'fixed' }, { ...where, replyToId: 'card-r2' }),
      check: invokeCheck('Resolved'),
    },
  ];
  let u2 = 0;
  let u3 = 0;

  // Warm every action once (identity look-up, numbers known), outside the counts.
  for (const row of rows.filter((r) => !r.setup)) {
    if (row.before) await client.post(row.before());
    await client.post(row.make());
  }
  connector.clearVerdicts();

  const table: Array<Array<string | number>> = [];
  for (const row of rows) {
    k = 0;
    row.setup?.();
    const counts = new Map<string, number>();
    let calls = 0;
    let bad = 0;
    for (let i = 0; i < P.apiK; i++) {
      if (row.before) {
        await client.post(row.before());
        connector.clearVerdicts();
      }
      const r0 = sandbox.requests.length;
      const activity = row.make();
      const answer = await client.post(activity);
      if (row.check(answer, activity) !== undefined) bad++;
      for (const r of sandbox.requests.slice(r0)) {
        calls++;
        const key = `${r.method} ${r.path.replace(UUID, '{id}')}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const perAction = calls / P.apiK;
    const what = [...counts].map(([key, n]) => `${key} ×${num(n / P.apiK, n % P.apiK === 0 ? 0 : 2)}`).join(', ') || 'none';
    const ok = row.target === undefined || perAction <= row.target;
    table.push([row.name, num(perAction, 2), row.target === undefined ? '–' : String(row.target), what, row.note + (bad ? ` (${bad} bad answers)` : ''), row.target === undefined ? '' : mark(ok)]);
    if (!row.note.startsWith('informative') && row.target !== undefined) {
      report.target({ section: '3', target: `${row.name} (${sandbox.dialect}): ${row.target} API call${row.target === 1 ? '' : 's'}`, figure: num(perAction, 2), ok });
    }
    say(`API calls (${sandbox.dialect}): ${row.name}: ${num(perAction, 2)} (${what})`);
  }
  client.close();
  await bot.stop();
  report.heading(`3. API requests per action (counted at the sandbox), ${sandbox.dialect} dialect`);
  report.text(`Each action ${P.apiK} times in a row after one warm-up, with the identity and the instance/tags cache warm; every request the sandbox received while the action ran is counted (the instance and tags too).\n`);
  report.table(['action', 'API calls / action', 'target', 'requests', 'note', ''], table);
}

// ---------------------------------------------------------------------------------------------
// 4: the real rate limit, 50 users for 2 minutes.
// ---------------------------------------------------------------------------------------------

async function sectionRealLimit(connector: BenchConnector): Promise<void> {
  const arrivals: Arrivals = [];
  const sandbox = await startSandbox({ port: 0, rateLimit: REAL.limit, rateWindowS: REAL.windowMs / 1000, log: arrivalLog(arrivals) });
  const users = benchUsers(50);
  connector.addPeople(users);
  const bot = await startTicketsBot(sandbox, REAL);
  const client = new BotClient(bot.url);
  say(`50 users for ${P.usersS} s against the real limit (${REAL.limit} / ${REAL.windowMs / 1000} s)…`);
  const meter = new LoadMeter();
  const cpu0 = { parent: ownCpuMs(), bot: await bot.stats() };
  const outcomes = await simulateUsers({ sandbox, connector, bots: [client], users, durationMs: P.usersS * 1000, progress: say });
  const cpu1 = { parent: ownCpuMs(), bot: await bot.stats() };
  const load = meter.read(cpu1.parent - cpu0.parent + cpuMs(cpu0.bot, cpu1.bot));
  client.close();
  await bot.stop();

  const status429 = sandbox.requests.filter((r) => r.status === 429).length;
  const maxInWindow = mostInWindow(arrivals, REAL.windowMs);
  await sandbox.close();

  const invokes = outcomes.filter((o) => o.kind === 'invoke');
  const messages = outcomes.filter((o) => o.kind === 'message');
  const invokeP99 = summarize(invokes.map((o) => o.ms).filter(Number.isFinite)).p99;
  const busyInvokeMax = summarize(invokes.filter((o) => o.verdict === 'busy').map((o) => o.ms)).max;
  const busyAll = outcomes.filter((o) => o.verdict === 'busy');
  const busyMax = summarize(busyAll.map((o) => o.ms)).max;

  report.heading(`4. The real rate limit: 50 users for ${P.usersS} s`);
  report.text(`The sandbox at its real limit (${REAL.limit} requests / ${REAL.windowMs / 1000} s per key) and the bot's client limit the same. 50 Teams users, each `
    + `starting within the first 7 s, then one action every 3–10 s (uniform think time), drawn from ${MIX.map((m) => `${m.name} ${m.weight}%`).join(', ')}. `
    + `Latency is every answer's, busy ones included; "served" counts fresh answers, "copy" the list pages, searches and tickets shown as read in the last minutes `
    + `because the API could not answer within 2 s (src/cache/busyCopy.ts), "busy" the answers "The helpdesk is busy; try again in N s"; "other" counts other error cards, `
    + `missing replies and failed requests.\n\n${loadText(load)}\n`);
  report.table(OUTCOME_HEADERS, [
    ...MIX.map((m) => outcomeRow(m.name, outcomes.filter((o) => o.action === m.name))),
    outcomeRow('**all invokes**', invokes),
    outcomeRow('**all messages**', messages),
    outcomeRow('**all**', outcomes),
  ]);
  report.table(['at the sandbox', 'figure', 'target', ''], [
    ['requests received', sandbox.requests.length, '', ''],
    ['429 RateLimitExceeded answered', status429, '0', mark(status429 === 0)],
    ['most requests admitted in any 60 s', maxInWindow, `≤ ${REAL.limit}`, mark(maxInWindow <= REAL.limit)],
  ]);
  report.target({ section: '4', target: '0 × 429 from the API', figure: String(status429), ok: status429 === 0 });
  report.target({ section: '4', target: 'invokes p99 inside 5 s (busy included)', figure: `${ms(invokeP99)} ms`, ok: invokeP99 <= 5000 });
  report.target({ section: '4', target: 'busy answers inside 5 s (invokes)', figure: `max ${ms(busyInvokeMax)} ms`, ok: !(busyInvokeMax > 5000) });
  report.target({ section: '4', target: 'busy answers inside 5 s (all)', figure: `${busyAll.length} busy, max ${ms(busyMax)} ms`, ok: !(busyMax > 5000) });
  say(`real limit: ${outcomes.length} answers, ${busyAll.length} busy, invokes p99 ${ms(invokeP99)} ms, busy max ${ms(busyMax)} ms, 429s ${status429}, max/60 s ${maxInWindow}`);
}

// ---------------------------------------------------------------------------------------------
// 5: memory over many turns.
// ---------------------------------------------------------------------------------------------

async function sectionMemory(connector: BenchConnector): Promise<void> {
  const sandbox = await startSandbox({ port: 0, rateLimit: UNLIMITED.limit, rateWindowS: 60 });
  const numbers = sandbox.store.all().map((t) => t.number);
  const ids = sandbox.store.all().map((t) => t.id);
  const bot = await startTicketsBot(sandbox, UNLIMITED);
  const client = new BotClient(bot.url);
  const where = { serviceUrl: connector.url };
  const byMessage = messageCheck(connector);
  let i = 0;
  const mixed = () => {
    const n = i++;
    const text = n % 3 === 0 ? 'help' : n % 3 === 1 ? `show ${numbers[n % numbers.length]}` : 'list';
    return message(ADELE, text, where);
  };
  const clicks = () => cardAction(ADELE, 'show', { ticketId: ids[i++ % ids.length] }, { ...where, replyToId: 'card-m' });
  const concurrency = 8;
  const run = async (total: number, make: () => Activity, check: ActionDef['check']) => {
    // In slices, so the sandbox's per-key count (which it filters per request) stays short.
    let bad = 0;
    for (let done = 0; done < total; done += 2000) {
      sandbox.setRateLimit(UNLIMITED.limit, 60);
      const r = await closedLoop({ client, concurrency, total: Math.min(2000, total - done), make, check: (a, act) => check(a, act as Activity) });
      bad += r.bad;
    }
    connector.clearVerdicts();
    return bad;
  };
  const meter = new LoadMeter();
  const cpu0 = { parent: ownCpuMs(), bot: await bot.stats() };
  say(`memory: ${P.memWarm} warm-up turns…`);
  await run(P.memWarm, mixed, byMessage);
  const before = await bot.gc();
  say(`memory: ${P.memTurns} turns (help/show/list)…`);
  const t = performance.now();
  const bad = await run(P.memTurns, mixed, byMessage);
  const took = (performance.now() - t) / 1000;
  const after = await bot.gc();
  say(`memory: ${P.clicks} card clicks (Show)…`);
  const tc = performance.now();
  const badClicks = await run(P.clicks, clicks, invokeCheck('"type":"application/vnd.microsoft.card.adaptive"'));
  const clicksTook = (performance.now() - tc) / 1000;
  const afterClicks = await bot.gc();
  const cpu1 = { parent: ownCpuMs(), bot: await bot.stats() };
  const load = meter.read(cpu1.parent - cpu0.parent + cpuMs(cpu0.bot, cpu1.bot));
  client.close();
  await bot.stop();
  await sandbox.close();

  const growth = after.rss - before.rss;
  const gcNote = before.gcAvailable ? 'forced full GC (the bot process runs with --expose-gc) before each reading' : 'no forced GC (--expose-gc not available)';
  report.heading(`5. Memory of the bot process over ${P.memTurns.toLocaleString('en')} turns`);
  report.text(`${P.memWarm} warm-up turns, then ${P.memTurns.toLocaleString('en')} turns of help / show <n> / list in turn (concurrency ${concurrency}, ${num(P.memTurns / took, 0)} turns/s), `
    + `then ${P.clicks.toLocaleString('en')} Show clicks (adaptiveCard/action invokes, informative); ${gcNote}.${bad + badClicks ? ` ${bad + badClicks} bad answers.` : ''}\n\n${loadText(load)}\n`);
  const perTurn = (a: { heapUsed: number }, b: { heapUsed: number }, n: number) => `${num((b.heapUsed - a.heapUsed) / n / 1024, 2)} KB`;
  report.table(['reading', 'RSS', 'heap used', 'external', 'RSS growth', 'heap growth', 'heap growth per turn', 'target', ''], [
    ['after warm-up', mb(before.rss), mb(before.heapUsed), mb(before.external), '', '', '', '', ''],
    [`after ${P.memTurns.toLocaleString('en')} turns`, mb(after.rss), mb(after.heapUsed), mb(after.external), mb(growth), mb(after.heapUsed - before.heapUsed),
      perTurn(before, after, P.memTurns), 'RSS growth < 20 MB', mark(growth < 20 * 2 ** 20)],
    [`after ${P.clicks.toLocaleString('en')} more Show clicks`, mb(afterClicks.rss), mb(afterClicks.heapUsed), mb(afterClicks.external), mb(afterClicks.rss - after.rss),
      mb(afterClicks.heapUsed - after.heapUsed), perTurn(after, afterClicks, P.clicks), 'informative', ''],
  ]);
  const perClick = (afterClicks.heapUsed - after.heapUsed) / P.clicks;
  if (perClick > 1024) {
    report.text(`Each Show click left ${num(perClick / 1024, 1)} KB on the heap after a full GC (the clicks took ${num(clicksTook, 0)} s): the answers src/replayGuard.ts keeps `
      + `so that a re-sent invoke gets the same one, bounded by its time to live and capacity; ${mb(perClick * 1000)} per 1,000 answers kept.\n`);
  }
  report.target({ section: '5', target: `RSS growth over ${P.memTurns.toLocaleString('en')} turns < 20 MB`, figure: mb(growth), ok: growth < 20 * 2 ** 20 });
  say(`memory: RSS ${mb(before.rss)} → ${mb(after.rss)} (${mb(growth)}); heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)}; after clicks RSS ${mb(afterClicks.rss)} heap ${mb(afterClicks.heapUsed)}`);
}

// ---------------------------------------------------------------------------------------------
// 6: notifications while 50 users act at the real limit.
// ---------------------------------------------------------------------------------------------

/** The product's default cadence: the bench measures the delay people would see. */
const NOTIFY_POLL_S = 15;
const NOTIFY_SHARE = 0.1;
const WATCHED_CHANNEL = '19:bench-helpdesk@thread.tacv2';

async function sectionNotifications(connector: BenchConnector): Promise<void> {
  const arrivals: Array<{ at: number; poller: boolean }> = [];
  const sandbox = await startSandbox({
    port: 0, rateLimit: REAL.limit, rateWindowS: REAL.windowMs / 1000,
    // The poller's reads are the ones asking for changes (lastUpdateAfter) or reading every ticket once (limit=1000).
    log: (line) => {
      const m = / (\d{3}|dropped) (\d+)ms$/.exec(line);
      if (m) arrivals.push({ at: Date.now() - Number(m[2]), poller: /[?&](lastUpdateAfter=|limit=1000)/.test(line) });
    },
  });
  const users = benchUsers(50);
  connector.addPeople(users);
  const bot = await new BotHandle({ kind: 'tickets', baseUrl: sandbox.baseUrl, apiKey: sandbox.primaryKey, rateLimit: REAL, dialect: sandbox.dialect, notify: { pollS: NOTIFY_POLL_S } }).start();
  const client = new BotClient(bot.url);
  const where = { serviceUrl: connector.url };
  const channel = message(users[0]!, 'notify all', { ...where, channel: true });
  await client.post({ ...channel, conversation: { ...channel.conversation, id: `${WATCHED_CHANNEL};messageid=1` } });
  connector.watched = WATCHED_CHANNEL;
  say(`notifications: waiting for the poller's first reading of every ticket (every ${NOTIFY_POLL_S} s)…`);
  const readyBy = Date.now() + 4 * NOTIFY_POLL_S * 1000;
  while (!arrivals.some((a) => a.poller)) {
    if (Date.now() > readyBy) throw new Error('the notification poller made no request');
    await sleep(500);
  }

  const seeds = sandbox.store.all().filter((t) => t.workflowId === undefined);
  const open = seeds.filter((t) => t.status === 'Open');
  const lee = { id: 'bench-lee', name: 'Bench Lee', email: 'lee@contoso.com' };
  const changedAt = new Map<number, number>();
  const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;
  const durationMs = P.usersS * 1000;
  say(`notifications: 50 users for ${P.usersS} s at the real limit, a ticket changed at the sandbox every 5 s…`);
  const meter = new LoadMeter();
  const t0 = Date.now();
  const end = t0 + durationMs;
  let answers = 0;
  const user = async (who: Person) => {
    await sleep(Math.random() * 7000);
    while (Date.now() < end) {
      const seed = pick(seeds);
      const activity = Math.random() < 0.7
        ? message(who, Math.random() < 0.5 ? `show ${seed.number}` : 'list open', where)
        : cardAction(who, 'comment', { ticketId: seed.id, comment: 'Any news on this one?' }, { ...where, replyToId: `card-${who.id}` });
      await client.post(activity).then(() => answers++, () => undefined);
      const think = 3000 + Math.random() * 7000;
      if (Date.now() + think >= end) break;
      await sleep(think);
    }
  };
  // Someone in the helpdesk's own app, not through the bot: a state change the channel must hear of.
  const changer = async () => {
    for (const ticket of open) {
      if (Date.now() >= end) break;
      sandbox.store.changeStatus(ticket.id, { status: 'Started' }, lee);
      changedAt.set(ticket.number, Date.now());
      await sleep(5000);
    }
  };
  await Promise.all([...users.map(user), changer()]);
  // Changes made near the end still get their poll: wait for them, a few windows at most.
  const drainUntil = Date.now() + 4 * REAL.windowMs;
  const heard = () => new Set(connector.watchedPosts.map((p) => Number(/#(\d+)/.exec(p.summary)?.[1])).filter((n) => changedAt.has(n)));
  while (heard().size < changedAt.size && Date.now() < drainUntil) await sleep(1000);
  const load = meter.read(ownCpuMs());
  client.close();
  await bot.stop();
  connector.watched = undefined;

  const delays: number[] = [];
  for (const [number, at] of changedAt) {
    const post = connector.watchedPosts.find((p) => new RegExp(`#${number}\\b`).test(p.summary) && p.at >= at);
    if (post) delays.push(post.at - at);
  }
  connector.watchedPosts.length = 0;
  const status429 = sandbox.requests.filter((r) => r.status === 429).length;
  const pollerReads = arrivals.filter((a) => a.poller).map((a) => ({ at: a.at, status: 200 }));
  const pollerMax = mostInWindow(pollerReads, REAL.windowMs);
  const share = arrivals.length === 0 ? 0 : pollerReads.length / arrivals.length;
  const delay = summarize(delays);
  await sandbox.close();

  const shareLimit = REAL.limit * NOTIFY_SHARE;
  report.heading(`7. Notifications: 50 users for ${P.usersS} s with the poller on`);
  report.text(`The sandbox and the bot at the real limit (${REAL.limit} / ${REAL.windowMs / 1000} s), the poller at the defaults (NOTIFY_BUDGET_PERCENT=10, `
    + `NOTIFY_POLL_S=${NOTIFY_POLL_S}), one channel with \`notify all\`. 50 users each act every 3–10 s (show, list open, Comment click) in their personal chats; `
    + `meanwhile a ticket is moved to In Progress directly at the sandbox every 5 s (as the helpdesk's own app would), and the delay runs from that change to the `
    + `channel's card for it. The poller's requests are its change reads (lastUpdateAfter) and its first reading of every ticket; it read no comments here, `
    + `as no requester has a personal chat with the bot.\n\n${loadText(load)}\n`);
  report.table(['figure', 'value', 'target', ''], [
    ['answers to the 50 users', answers, '', ''],
    ['API requests at the sandbox', arrivals.length, '', ''],
    ['429 RateLimitExceeded answered', status429, '0', mark(status429 === 0)],
    ['the poller\'s requests (share of all)', `${pollerReads.length} (${num(share * 100, 1)} %)`, '', ''],
    ['the poller\'s most requests in any 60 s', pollerMax, `≤ ${shareLimit}`, mark(pollerMax <= shareLimit)],
    ['changes made / notified', `${changedAt.size} / ${delays.length}`, 'all', mark(delays.length === changedAt.size)],
    ['delay change → notification p50 / p95 / max', `${ms(delay.p50)} / ${ms(delay.p95)} / ${ms(delay.max)} ms`, '', ''],
  ]);
  report.target({ section: '7', target: '0 × 429 from the API with the poller on', figure: String(status429), ok: status429 === 0 });
  report.target({ section: '7', target: `the poller within ${NOTIFY_SHARE * 100} % of the limit (any 60 s)`, figure: String(pollerMax), ok: pollerMax <= shareLimit });
  report.target({ section: '7', target: 'every change notified', figure: `${delays.length} of ${changedAt.size}`, ok: delays.length === changedAt.size });
  say(`notifications: ${changedAt.size} changes, ${delays.length} notified, delay p50 ${ms(delay.p50)} ms p95 ${ms(delay.p95)} ms, poller ${pollerReads.length} of ${arrivals.length} requests (max ${pollerMax}/60 s), 429s ${status429}`);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const sourceAtStart = sourceState();
  say(`bench${QUICK ? ' (quick)' : ''}: ${machine.cpuModel} × ${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  const connector = new BenchConnector();
  connector.addPeople([ADELE, ALEX]);
  await connector.start();
  const meter = new LoadMeter();

  try {
    // A fresh sandbox per section: section 1 creates thousands of tickets, whose titles would change what a search finds.
    // Section 3 once per dialect: the minimum calls per action hold for the live service and the page.
    for (const [section, dialect] of [[1, 'live'], [3, 'live'], [3, 'documented']] as const) {
      if (section === 1 ? !(runs(1) || runs(2)) : !runs(3)) continue;
      const sandbox = await startSandbox({ port: 0, dialect });
      sandbox.setRateLimit(UNLIMITED.limit, 60);
      // The hardware requests (live) are in a custom workflow: Resolve would move them to Delivered.
      const seeds = sandbox.store.all().filter((t) => t.workflowId === undefined);
      const numbers = seeds.map((t) => t.number);
      const pool = seeds.map((t) => t.id);
      if (section === 1) await sectionLatency(sandbox, connector, numbers, pool);
      else await sectionApiCalls(sandbox, connector, numbers, pool);
      await sandbox.close();
    }
    if (runs(4)) await sectionRealLimit(connector);
    if (runs(5)) await sectionMemory(connector);
    if (runs(6)) {
      const sandbox = await startSandbox({ port: 0 });
      sandbox.setRateLimit(UNLIMITED.limit, 60);
      await sectionReports({ sandbox, connector, report, say, startBot: (sb) => startTicketsBot(sb, UNLIMITED) });
      await sandbox.close();
    }
    if (runs(7)) await sectionNotifications(connector);
    if (runs(8)) {
      const meter8 = new LoadMeter();
      const ownAtStart = ownCpuMs();
      await sectionReplicas({ seconds: REPLICAS_S, connector, report, say, loadNote: (botCpuMs) => loadText(meter8.read(ownCpuMs() - ownAtStart + botCpuMs)) });
    }
  } finally {
    await connector.stop();
  }

  const whole = meter.read(ownCpuMs());
  const minutes = (performance.now() - started) / 60_000;
  const preamble = [
    '',
    `Written by \`npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}\` on ${machine.date}; the run took ${num(minutes, 1)} min.`,
    '',
    `Machine: ${machine.cpuModel}, ${machine.cpus} CPUs, ${machine.memoryGiB} GiB memory; ${machine.platform}; Node ${machine.node}.`,
    '',
    `Code measured: ${sourceAtStart}.${sourceState() === sourceAtStart ? '' : ` **The code changed during the run** (now: ${sourceState()}): bots started later ran the newer code.`}`,
    '',
    `Load over the whole run: 1-min load average ${num(whole.loadAvg1, 2)} at the end; the machine used ${num(whole.machineCores, 2)} cores on average`
      + ` (the bench's own process counted, its bot processes not, in this one figure; each section below gives the share of other processes).`,
    '',
    'Everything on loopback (127.0.0.1): the embedded sandbox, a connector stand-in at the activities\' serviceUrl, the load generator, '
      + 'and the bot under test in its own process (bench/botProcess.ts). Rate limits lifted (sandbox 1e9 / 60 s, bot client 1e9 / 60 s) except in sections 4 and 6.',
  ].join('\n');
  const markdown = report.markdown('Benchmark results', preamble);
  writeFileSync(`${BENCH_DIR}results.md`, markdown);
  console.log(`\n${markdown}`);
  say(`written to bench/results.md`);
  const missed = report.targets.filter((t) => !t.ok).length;
  say(`${report.targets.length - missed} of ${report.targets.length} targets met`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  // Servers and bot processes of the failed section may still be open: do not wait for them.
  process.exit(1);
});
