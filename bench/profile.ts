/**
 * Where a turn's CPU goes, per action: `tsx bench/profile.ts [action…] [--turns=3000] [--conc=8] [--detail]`.
 * Starts the sandbox (limits lifted), the connector stand-in, our bot and the echo bot in child
 * processes, warms each action up, then records a V8 CPU profile of the bot process over `turns`
 * turns only. Prints, and writes to bench/profile-results.md, the bot's CPU per turn split by
 * part (bench/cpuProfile.ts BUCKETS), for the echo bot (a message, an invoke) and ours per action;
 * the profiles stay in bench/profiles/ for Chrome DevTools. Actions: help, list, show, resolve,
 * create (default: all).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../src/sandbox/index.js';
import { ADELE, ALEX } from '../test/support/activities.js';
import { ACTION_NAMES, benchActions, type Activity } from './actions.js';
import { BotHandle, cpuMs } from './botHandle.js';
import { BenchConnector } from './connector.js';
import { BotClient, closedLoop } from './load.js';
import { recordPlans } from './floor.js';
import { BUCKETS, bucketShares, formatSummary, summarizeProfile, type Bucket, type CpuProfile } from './cpuProfile.js';
import { describeMachine, sourceState } from './machine.js';
import { table } from './report.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const TURNS = option('turns', 3000);
const CONC = option('conc', 8);
const DETAIL = args.includes('--detail');
const wanted = args.filter((a) => !a.startsWith('--'));
const DIR = fileURLToPath(new URL('./profiles/', import.meta.url));

async function main(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const sandbox = await startSandbox({ port: 0, rateLimit: 1_000_000_000, rateWindowS: 60 });
  const connector = new BenchConnector();
  connector.addPeople([ADELE, ALEX]);
  await connector.start();
  const seeds = sandbox.store.all();
  const defs = benchActions(sandbox, connector, connector.url, seeds.map((t) => t.number), seeds.map((t) => t.id));
  const ours = await new BotHandle({ kind: 'tickets', baseUrl: sandbox.baseUrl, apiKey: sandbox.primaryKey, rateLimit: { limit: 1_000_000_000, windowMs: 60_000 } }).start();
  const echo = await new BotHandle({ kind: 'echo' }).start();
  const plans = await recordPlans(ours, sandbox, connector, defs);
  const floor = await new BotHandle({ kind: 'floor', baseUrl: sandbox.baseUrl, apiKey: sandbox.primaryKey, ticketIds: seeds.map((t) => t.id), plans }).start();
  const clients = new Map([[ours, new BotClient(ours.url)], [echo, new BotClient(echo.url)], [floor, new BotClient(floor.url)]]);
  const columns: Array<{ name: string; cpuMs: number; shares: Map<Bucket, number> }> = [];
  const keys = wanted.length ? wanted : Object.keys(ACTION_NAMES);
  const plan: Array<{ key: string; bot: BotHandle; label: string }> = [
    ...(keys.includes('help') ? [{ key: 'help', bot: echo, label: 'echo: message' }] : []),
    ...(keys.includes('create') ? [{ key: 'create', bot: echo, label: 'echo: invoke' }] : []),
    ...keys.flatMap((key) => [{ key, bot: floor, label: `floor: ${key}` }, { key, bot: ours, label: ACTION_NAMES[key] ?? key }]),
  ];
  try {
    for (const { key, bot, label } of plan) {
      const def = defs.find((d) => d.name === (ACTION_NAMES[key] ?? key));
      if (!def) throw new Error(`unknown action ${key}; one of ${Object.keys(ACTION_NAMES).join(', ')}`);
      const isEcho = bot !== ours;
      const client = clients.get(bot)!;
      const check = isEcho ? () => undefined : (a: { status: number; body: string }, act: unknown) => def.check(a, act as Activity);
      const run = async (total: number) => {
        for (let done = 0; done < total; done += 1000) {
          sandbox.setRateLimit(1_000_000_000, 60);
          const r = await closedLoop({ client, concurrency: CONC, total: Math.min(1000, total - done), make: () => def.make(ADELE), check });
          if (r.bad) console.log(`${r.bad} bad answers, e.g. ${r.badSamples.join(' / ')}`);
        }
        connector.clearVerdicts();
      };
      await run(Math.max(500, TURNS / 2));
      const file = `${DIR}${bot === echo ? 'echo-' : bot === floor ? 'floor-' : ''}${key.replace(/\W+/g, '_')}.cpuprofile`;
      const s0 = await bot.stats();
      await bot.profileStart();
      const t0 = performance.now();
      await run(TURNS);
      const seconds = (performance.now() - t0) / 1000;
      await bot.profileStop(file);
      const s1 = await bot.stats();
      const cpu = cpuMs(s0, s1) / TURNS;
      const summary = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
      columns.push({ name: label, cpuMs: cpu, shares: bucketShares(summary) });
      console.log(`${label}: ${TURNS} turns at concurrency ${CONC}: ${(TURNS / seconds).toFixed(0)} turns/s, bot CPU ${cpu.toFixed(3)} ms/turn (profiler on) → ${file}`);
      if (DETAIL) console.log(`${formatSummary(summary, TURNS)}\n`);
    }
  } finally {
    for (const c of clients.values()) c.close();
    await ours.stop();
    await echo.stop();
    await floor.stop();
    await connector.stop();
    await sandbox.close();
  }
  const rows = BUCKETS.map((b) => [b, ...columns.map((c) => (c.shares.get(b)! * c.cpuMs).toFixed(2))]);
  rows.push(['**total (bot CPU ms/turn)**', ...columns.map((c) => `**${c.cpuMs.toFixed(2)}**`)]);
  const machine = describeMachine();
  const md = [
    '# Where a turn\'s CPU goes',
    '',
    `Written by \`tsx bench/profile.ts\` on ${machine.date} (${machine.cpuModel} × ${machine.cpus}, Node ${machine.node}; code: ${sourceState()}). `
      + `Each column: ${TURNS} turns at concurrency ${CONC} after ${Math.max(500, TURNS / 2)} warm-up turns, rate limits lifted; the bot process's CPU per turn `
      + '(user + system, measured with the profiler on) split by the self time of a V8 CPU profile of that stretch, in ms per turn. '
      + 'The echo bot is the same restify + CloudAdapter server (src/server.ts) replying to a message with its text, or answering an invoke with a small card; '
      + '"floor: <action>" is that bot doing only what ours does outside itself for the action (bench/floor.ts): the same API request through ky, the same answer, the same card update.',
    '',
    table(['part (self time)', ...columns.map((c) => c.name)], rows),
    '',
  ].join('\n');
  writeFileSync(fileURLToPath(new URL('./profile-results.md', import.meta.url)), md);
  console.log(`\n${md}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
