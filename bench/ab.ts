/**
 * A/B of two activity variants on one bot process, alternating, CPU per turn of the bot:
 * `tsx bench/ab.ts <experiment>`. Experiments take something out of the turn by changing only
 * what is sent, to price one part of src without touching it.
 *   timezone: `help` with and without the activity's localTimezone (identity.ts utcOffsetOf → Intl).
 *   update: a Resolve click with and without replyToId (bot.ts redraws the card for everyone
 *     through the connector only when there is a message to update).
 *   variant <action> <dir>: this project's bot vs the one in <dir>, a patched copy of the project
 *     (same bench/, changed src/), on one action (help, list, show, resolve, create).
 * Optional after those: turns per round (1000) and rounds (12). It prints each bot's CPU per turn
 * and the median of the per-round ratios, the figure to judge a change by.
 */
import { startSandbox } from '../src/sandbox/index.js';
import { ADELE, ALEX, message } from '../test/support/activities.js';
import { ACTION_NAMES, benchActions, type Activity } from './actions.js';
import { BotHandle, cpuMs } from './botHandle.js';
import { BenchConnector } from './connector.js';
import { BotClient, closedLoop, median } from './load.js';

const experiment = process.argv[2] ?? 'timezone';
const VARIANT = experiment === 'variant' ? { action: process.argv[3] ?? 'help', dir: process.argv[4] ?? '' } : undefined;
const TURNS = Number(process.argv[VARIANT ? 5 : 3] ?? 1000);
const ROUNDS = Number(process.argv[VARIANT ? 6 : 4] ?? 12);

async function main(): Promise<void> {
  const sandbox = await startSandbox({ port: 0, rateLimit: 1_000_000_000, rateWindowS: 60 });
  const connector = new BenchConnector();
  connector.addPeople([ADELE, ALEX]);
  await connector.start();
  const where = { serviceUrl: connector.url };
  const seeds = sandbox.store.all();
  const defs = benchActions(sandbox, connector, connector.url, seeds.map((t) => t.number), seeds.map((t) => t.id));
  const resolve = defs.find((d) => d.name === 'Resolve click')!;
  const variants: Record<string, Record<string, () => Activity>> = {
    timezone: {
      'help, localTimezone Europe/Paris': () => message(ADELE, 'help', where),
      'help, no localTimezone': () => {
        const a = message(ADELE, 'help', where) as Activity;
        delete a.localTimezone;
        return a;
      },
    },
    update: {
      'Resolve click, replyToId (update for everyone)': () => resolve.make(ADELE),
      'Resolve click, no replyToId': () => {
        const a = resolve.make(ADELE);
        delete a.replyToId;
        return a;
      },
    },
  };
  const spec = { kind: 'tickets' as const, baseUrl: sandbox.baseUrl, apiKey: sandbox.primaryKey, rateLimit: { limit: 1_000_000_000, windowMs: 60_000 } };
  const bots: Array<{ name: string; bot: BotHandle; client?: BotClient; make: () => Activity }> = [];
  if (VARIANT) {
    const def = defs.find((d) => d.name === (ACTION_NAMES[VARIANT.action] ?? VARIANT.action));
    if (!def || !VARIANT.dir) throw new Error('usage: tsx bench/ab.ts variant <help|list|show|resolve|create> <patched project dir> [turns] [rounds]');
    bots.push({ name: `${def.name}: this project`, bot: new BotHandle(spec), make: () => def.make(ADELE) });
    bots.push({ name: `${def.name}: ${VARIANT.dir}`, bot: new BotHandle(spec, { script: `${VARIANT.dir}/bench/botProcess.ts` }), make: () => def.make(ADELE) });
  } else {
    const pair = variants[experiment];
    if (!pair) throw new Error(`unknown experiment ${experiment}`);
    const bot = new BotHandle(spec);
    for (const [name, make] of Object.entries(pair)) bots.push({ name, bot, make });
  }
  for (const b of bots) {
    if (!b.bot.url) await b.bot.start();
    b.client = bots.find((o) => o.bot === b.bot && o.client)?.client ?? new BotClient(b.bot.url);
  }
  const results = new Map<string, number[]>();
  try {
    for (const b of bots) await closedLoop({ client: b.client!, concurrency: 8, total: 1000, make: b.make });
    const latency = new Map<string, number[]>();
    // Many short rounds, the two taking turns (which goes first alternates): the machine's speed
    // drifts by a quarter within minutes, and a ratio of two neighbouring rounds cancels the drift.
    for (let round = 0; round < ROUNDS; round++) {
      for (const b of round % 2 ? [...bots].reverse() : bots) {
        sandbox.setRateLimit(1_000_000_000, 60);
        const s0 = await b.bot.stats();
        const r = await closedLoop({ client: b.client!, concurrency: 8, total: TURNS, make: b.make });
        const s1 = await b.bot.stats();
        results.set(b.name, [...(results.get(b.name) ?? []), cpuMs(s0, s1) / TURNS]);
        const c1 = await closedLoop({ client: b.client!, concurrency: 1, total: 100, make: b.make });
        latency.set(b.name, [...(latency.get(b.name) ?? []), ...c1.latencies]);
        if (r.bad) console.log(`${b.name}: ${r.bad} bad answers`);
        connector.clearVerdicts();
      }
    }
    for (const [name, values] of results) {
      console.log(`${name.padEnd(48)} bot CPU ${median(values).toFixed(3)} ms/turn (rounds: ${values.map((v) => v.toFixed(2)).join(' ')}); `
        + `c=1 p50 ${median(latency.get(name)!).toFixed(2)} ms`);
    }
    const [a, b] = [...results.values()];
    const ratios = a!.map((v, i) => b![i]! / v).sort((x, y) => x - y);
    console.log(`second ÷ first, per round: median ${median(ratios).toFixed(3)}, middle half ${ratios[Math.floor(ratios.length / 4)]!.toFixed(3)}–${ratios[Math.ceil((3 * ratios.length) / 4) - 1]!.toFixed(3)}`);
  } finally {
    for (const b of bots) b.client?.close();
    for (const b of bots) await b.bot.stop();
    await connector.stop();
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
