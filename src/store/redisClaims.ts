import { createHash } from 'node:crypto';
import type { SharedClaims } from '../replayGuard.js';
import type { RedisConnection } from './redisConnection.js';

/** Claims are put back in batches of this many commands. */
const BATCH = 1000;

/** How often a repeat looks for the answer of the replica that claimed its activity, in ms. */
const ANSWER_POLL_MS = 50;

const digest = (claim: string) => createHash('sha256').update(claim).digest('base64url');
/** A fixed-size key whatever the claim (a conversation id can be long). */
const redisKey = (claim: string) => `tickets:claim:${digest(claim)}`;
const answerKey = (claim: string) => `tickets:answer:${digest(claim)}`;

/**
 * The replay guard's claims in Redis: `SET NX PX`, so exactly one replica claims an activity.
 * While Redis is away a claim is granted (the replica's own claims still stop repeats to it), and
 * when Redis returns every claim the replica holds is put back, so no later redelivery to any
 * replica runs again.
 */
export class RedisClaims implements SharedClaims {
  constructor(private readonly connection: RedisConnection) {}

  async claim(key: string, ttlMs: number): Promise<boolean> {
    if (!this.connection.up) return true;
    try {
      return (await this.connection.client.set(redisKey(key), '1', 'PX', ttlMs, 'NX')) === 'OK';
    } catch {
      this.connection.markDown();
      return true;
    }
  }

  async keepAnswer(key: string, answer: unknown, ttlMs: number): Promise<void> {
    if (!this.connection.up || answer === undefined) return;
    await this.connection.client.set(answerKey(key), JSON.stringify(answer), 'PX', ttlMs).then(() => undefined, () => this.connection.markDown());
  }

  /** Polled (a blocking read would hold the one connection every turn shares). */
  async answerOf(key: string, deadline: number): Promise<unknown> {
    while (this.connection.up) {
      const text = await this.connection.client.get(answerKey(key)).catch(() => null);
      if (text !== null) return JSON.parse(text);
      if (Date.now() + ANSWER_POLL_MS > deadline) return undefined;
      await new Promise((resolve) => setTimeout(resolve, ANSWER_POLL_MS));
    }
    return undefined;
  }

  putBackOnRestore(claims: () => Iterable<[string, number]>, ttlMs: number): void {
    this.connection.onRestored(async () => {
      let batch = this.connection.client.pipeline();
      for (const [key, at] of claims()) {
        const left = at + ttlMs - Date.now();
        if (left > 0) batch.set(redisKey(key), '1', 'PX', left, 'NX');
        if (batch.length >= BATCH) {
          await batch.exec();
          batch = this.connection.client.pipeline();
        }
      }
      if (batch.length > 0) await batch.exec();
    });
  }
}
