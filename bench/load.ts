import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * Posts to a bot's /api/messages over kept-alive loopback connections, as Teams does. node:http
 * rather than fetch: it costs the load generator (which shares the machine) less per request.
 */
export class BotClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, maxSockets = 128) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new Agent({ keepAlive: true, maxSockets, keepAliveMsecs: 10_000 });
  }

  /** Posts one activity; resolves with the status, the body as text, and the latency in ms. */
  post(activity: unknown): Promise<{ status: number; body: string; ms: number }> {
    const payload = JSON.stringify(activity);
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = request({
        host: this.host, port: this.port, method: 'POST', path: '/api/messages', agent: this.agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
        res.on('error', reject);
      });
      req.setTimeout(60_000, () => req.destroy(new Error('no answer within 60 s')));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of latencies in ms. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const at = (p: number) => (n === 0 ? NaN : sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!);
  return { n, p50: at(50), p95: at(95), p99: at(99), max: n === 0 ? NaN : sorted[n - 1]!, mean: n === 0 ? NaN : sorted.reduce((s, x) => s + x, 0) / n };
}

export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface ClosedLoopResult {
  latencies: number[];
  elapsedMs: number;
  /** Answers that were not what the action should get (HTTP status, error card, no reply). */
  bad: number;
  /** The first few reasons, for the log. */
  badSamples: string[];
}

/**
 * `total` requests through `concurrency` workers, each sending its next request as soon as its
 * last one is answered (closed loop). `make(i)` builds the i-th activity; `check` says what is
 * wrong with an answer, if anything. Bounded: stops after `total`, whatever happens.
 */
export async function closedLoop(options: {
  client: BotClient;
  concurrency: number;
  total: number;
  make: (i: number) => unknown;
  check?: (answer: { status: number; body: string }, activity: unknown) => string | undefined;
}): Promise<ClosedLoopResult> {
  const { client, concurrency, total, make, check } = options;
  const latencies: number[] = [];
  const badSamples: string[] = [];
  let bad = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const activity = make(i);
      let problem: string | undefined;
      try {
        const answer = await client.post(activity);
        latencies.push(answer.ms);
        problem = check?.(answer, activity);
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      if (problem !== undefined) {
        bad++;
        if (badSamples.length < 3) badSamples.push(problem);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { latencies, elapsedMs: performance.now() - started, bad, badSamples };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
