/**
 * Reads a V8 .cpuprofile and says where the time went: self time by place (a src/ file, an npm
 * package, Node's own fetch, GC…), and inclusive time of the heaviest functions.
 * `tsx bench/cpuProfile.ts file.cpuprofile [turns]` prints it for a profile on disk.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Where a frame's code lives, coarsely: `src/cards/render.ts`, `npm:adaptive-expressions`, `node:undici`… */
export function placeOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName.startsWith('(')) return functionName; // (garbage collector), (program), (idle)
    return `V8: ${functionName || '(anonymous)'}`;
  }
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return `npm:${rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (url.startsWith('node:internal/deps/undici')) return 'node:undici (fetch)';
  if (url.startsWith('node:')) {
    const m = /^node:(?:internal\/)?([a-z_]+)/.exec(url);
    return `node:${m?.[1] ?? url}`;
  }
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1).replace(/\?.*$/, '');
  const bench = url.indexOf('/bench/');
  if (bench >= 0) return url.slice(bench + 1);
  return url;
}

/** What a place is part of, for the cost table: the bot's own parts, the SDK, Node's plumbing. */
export const BUCKETS = [
  'timezone: src/identity.ts utcOffsetOf (Intl)',
  'cards: src/cards + adaptivecards-templating + adaptive-expressions',
  'API client: src/ticketing + ky + fetch (undici, web streams, AbortController)',
  'other src (bot.ts, features, server.ts, replayGuard…)',
  'Bot Framework SDK: botbuilder + connector client (@azure/*, @typespec, zod)',
  'restify',
  'Node http/net/streams/events (sockets both ways)',
  'garbage collector',
  'other (V8 builtins, microtasks, timers…)',
] as const;
export type Bucket = (typeof BUCKETS)[number];

export function bucketOf(place: string): Bucket {
  if (place === 'src/identity.ts') return BUCKETS[0];
  if (place.startsWith('src/cards/') || place === 'npm:adaptivecards-templating' || place === 'npm:adaptive-expressions' || place === 'npm:antlr4ts') return BUCKETS[1];
  if (place.startsWith('src/ticketing/') || place === 'npm:ky' || place === 'node:undici (fetch)' || place === 'node:webstreams' || place === 'node:abort_controller'
    || place === 'node:worker' || place === 'node:event_target' || place === 'node:encoding' || place.startsWith('wasm://') || place === 'V8: JSTransferable'
    || place === 'V8: detachArrayBuffer') return BUCKETS[2];
  if (place.startsWith('src/')) return BUCKETS[3];
  if (/^npm:(botbuilder|botframework|@azure\/|@typespec\/|zod)/.test(place)) return BUCKETS[4];
  if (place === 'npm:restify' || place === 'npm:find-my-way' || place === 'npm:formidable' || place === 'npm:send') return BUCKETS[5];
  if (/^node:(_http|http|net|stream|buffer|events|dns|url)/.test(place) || /^V8: (writev|writeLatin1String|writeUtf8String|utf8Write|utf8Slice|latin1Slice|WriteWrap|readStart|onStreamRead)/.test(place)) return BUCKETS[6];
  if (place === '(garbage collector)') return BUCKETS[7];
  return BUCKETS[8];
}

/** Shares (0..1) of the busy time per bucket. */
export function bucketShares(summary: ProfileSummary): Map<Bucket, number> {
  const out = new Map<Bucket, number>(BUCKETS.map((b) => [b, 0]));
  for (const { place, ms } of summary.self) {
    if (place === '(idle)') continue;
    const b = bucketOf(place);
    out.set(b, out.get(b)! + ms / summary.busyMs);
  }
  return out;
}

export interface ProfileSummary {
  totalMs: number;
  busyMs: number;
  self: Array<{ place: string; ms: number }>;
  inclusive: Array<{ fn: string; ms: number }>;
}

export function summarizeProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(profile.samples[i]!);
    if (!node) continue;
    total += dt;
    const place = placeOf(node.callFrame);
    if (place === '(idle)') {
      idle += dt;
      continue;
    }
    self.set(place, (self.get(place) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (!f.url) continue;
      const key = `${f.functionName || '(anonymous)'} ${placeOf(f)}:${f.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
    }
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: total,
    busyMs: total - idle,
    self: sorted(self).map(([place, ms]) => ({ place, ms })),
    inclusive: sorted(inclusive).map(([fn, ms]) => ({ fn, ms })),
  };
}

export function formatSummary(s: ProfileSummary, turns?: number, top = 25): string {
  const per = (ms: number) => (turns ? `${(ms / turns).toFixed(3)} ms/turn` : '');
  const pct = (ms: number) => `${((100 * ms) / s.busyMs).toFixed(1).padStart(5)}%`;
  const lines = [`busy ${s.busyMs.toFixed(0)} ms of ${s.totalMs.toFixed(0)} ms profiled${turns ? ` (${(s.busyMs / turns).toFixed(3)} ms/turn over ${turns} turns)` : ''}`, '', 'self time by place:'];
  for (const { place, ms } of s.self.slice(0, top)) lines.push(`  ${pct(ms)} ${per(ms).padStart(16)}  ${place}`);
  lines.push('', 'inclusive time, heaviest functions (with a source):');
  for (const { fn, ms } of s.inclusive.slice(0, top * 2)) lines.push(`  ${pct(ms)} ${per(ms).padStart(16)}  ${fn}`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [file, turns] = process.argv.slice(2);
  if (!file) {
    console.error('usage: tsx bench/cpuProfile.ts <file.cpuprofile> [turns]');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  console.log(formatSummary(summarizeProfile(profile), turns ? Number(turns) : undefined));
}
