import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LRUCache } from 'lru-cache';

export interface ReplayGuardOptions {
  /** How long an activity id is remembered, in ms; default 10 min (Teams redelivers within seconds to minutes). */
  claimTtlMs?: number;
  /** The most memory the remembered ids may take, in bytes; default 32 MiB (about 300,000 ids). */
  maxClaimBytes?: number;
  /** How long a first delivery's answer is kept for its repeats, in ms; default 2 min. */
  answerTtlMs?: number;
  /** How many answers are kept (an invoke's answer holds its card, a few KB); default 1,000. */
  maxAnswers?: number;
  /** A file that keeps the claims across a restart; unset: memory only. */
  file?: string;
  /** Claims shared with other replicas (Redis); unset: this process's claims only. */
  shared?: SharedClaims;
  now?: () => number;
}

/** Claims that several replicas see: the first to claim a key runs its work. */
export interface SharedClaims {
  /** True when no one (on any replica) claimed `key` in the last `ttlMs`, and this call now has. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** `claims` (key → epoch ms) are put back each time the shared store returns (it may have restarted empty). */
  putBackOnRestore(claims: () => Iterable<[string, number]>, ttlMs: number): void;
  /** Keeps the answer (JSON) of the delivery that claimed `key`, for its repeats on other replicas. Never rejects. */
  keepAnswer(key: string, answer: unknown, ttlMs: number): Promise<void>;
  /** The answer kept for `key`, waiting for it (its work may still run) until `deadline` (epoch ms); undefined if none came. */
  answerOf(key: string, deadline: number): Promise<unknown>;
}

/** How a repeat that another replica claimed is answered. */
export interface RepeatOptions {
  /** Wait this long (ms) for the claiming replica's answer and give the same one; 0 (default): `forgotten()` at once. */
  waitForAnswerMs?: number;
}

/** A claim's memory: the key's characters, and the entry around it. */
const claimBytes = (key: string) => 2 * key.length + 64;

/**
 * Teams re-sends an activity it thinks timed out, with the same id. Every id is claimed before any
 * work, and the claim is kept for the whole window whatever the volume (bounded by bytes, not by
 * count), in a small append-only file when one is given, so a redelivery after a crash or a
 * restart writes nothing either. A repeat shares the first delivery's answer while it is kept;
 * after that (or after a restart) it gets `forgotten()` instead: never the work again.
 *
 * With `shared` claims, a delivery new to this replica runs its work only once it has claimed the
 * key there too, so a redelivery that lands on another replica gets `forgotten()`.
 */
export class ReplayGuard<T> {
  private readonly claims: LRUCache<string, number>;
  private readonly answers: LRUCache<string, { result: Promise<T> }>;
  private readonly claimTtlMs: number;
  private readonly answerTtlMs: number;
  private readonly now: () => number;
  private readonly file?: string;
  private readonly shared?: SharedClaims;
  /** Lines in the file, live or not: it is rewritten with the live ones when it has twice as many (checked every 1,000 lines). */
  private fileLines = 0;
  private linesSinceCheck = 0;

  constructor(options: ReplayGuardOptions = {}) {
    this.now = options.now ?? Date.now;
    this.claimTtlMs = options.claimTtlMs ?? 10 * 60_000;
    this.claims = new LRUCache({
      ttl: this.claimTtlMs, ttlResolution: 0, perf: { now: this.now },
      maxSize: options.maxClaimBytes ?? 32 * 1024 * 1024, sizeCalculation: (_value, key) => claimBytes(key),
    });
    this.answerTtlMs = options.answerTtlMs ?? 2 * 60_000;
    this.answers = new LRUCache({ ttl: this.answerTtlMs, ttlResolution: 0, max: options.maxAnswers ?? 1000, perf: { now: this.now } });
    this.file = options.file;
    if (this.file) this.load(this.file);
    this.shared = options.shared;
    this.shared?.putBackOnRestore(() => this.liveClaims(), this.claimTtlMs);
  }

  /**
   * Runs `work` for the first delivery of `key`. A repeat gets the first result while it is kept,
   * else `forgotten()`; either way `repeated` is true and `work` does not run. A repeat of a
   * delivery another replica claimed is known only once the shared claim answers: its result is
   * that replica's answer when `waitForAnswerMs` is set and it comes in time, else `forgotten()`,
   * with `repeated` false.
   */
  once(key: string | undefined, work: () => Promise<T>, forgotten: () => T, { waitForAnswerMs = 0 }: RepeatOptions = {}): { result: Promise<T>; repeated: boolean } {
    if (!key) return { result: work(), repeated: false };
    if (this.claims.has(key)) {
      return { result: this.answers.get(key)?.result ?? Promise.resolve().then(forgotten), repeated: true };
    }
    const at = this.now();
    this.claims.set(key, at);
    this.persist(key, at);
    const shared = this.shared;
    const result = shared ? this.onceShared(shared, key, work, forgotten, waitForAnswerMs) : work();
    this.answers.set(key, { result });
    return { result, repeated: false };
  }

  /** With `waitForAnswerMs`, the claiming replica keeps its answer, and a repeat elsewhere gives that same answer. */
  private async onceShared(shared: SharedClaims, key: string, work: () => Promise<T>, forgotten: () => T, waitForAnswerMs: number): Promise<T> {
    const deadline = this.now() + waitForAnswerMs;
    if (!(await shared.claim(key, this.claimTtlMs))) {
      if (waitForAnswerMs <= 0) return forgotten();
      return ((await shared.answerOf(key, deadline)) as T | undefined) ?? forgotten();
    }
    const answer = await work();
    if (waitForAnswerMs > 0) await shared.keepAnswer(key, answer, this.answerTtlMs);
    return answer;
  }

  /** Ids remembered now. */
  get size(): number {
    this.claims.purgeStale();
    return this.claims.size;
  }

  private *liveClaims(): Iterable<[string, number]> {
    this.claims.purgeStale();
    yield* this.claims.entries();
  }

  private load(file: string): void {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return; // no file yet
    }
    const oldest = this.now() - this.claimTtlMs;
    for (const line of text.split('\n')) {
      const tab = line.indexOf('\t');
      const at = Number(line.slice(0, tab));
      if (tab > 0 && at > oldest) this.claims.set(line.slice(tab + 1), at, { start: at });
    }
    this.compact(file);
  }

  /** Appended synchronously: the claim must be on disk before the write it guards is sent. */
  private persist(key: string, at: number): void {
    if (!this.file) return;
    appendFileSync(this.file, `${at}\t${key}\n`);
    this.fileLines++;
    if (++this.linesSinceCheck < 1000) return;
    this.linesSinceCheck = 0;
    this.claims.purgeStale();
    if (this.fileLines > 2 * this.claims.size + 1000) this.compact(this.file);
  }

  private compact(file: string): void {
    this.claims.purgeStale();
    const lines = [...this.claims.entries()].map(([key, at]) => `${at}\t${key}\n`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, lines.join(''));
    renameSync(`${file}.tmp`, file);
    this.fileLines = lines.length;
  }
}
