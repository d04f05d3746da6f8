import assert from 'node:assert/strict';
import { TtlCache } from '../../src/ticketing/cache.js';

describe('ticketing/cache: TTL with shared loads', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => { now = 1_000; });

  it('shares one load between concurrent callers and serves it until the TTL runs out', async () => {
    const cache = new TtlCache<number>(500, clock);
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([cache.get('k', load), cache.get('k', load)]);
    assert.deepEqual([a, b, loads], [1, 1, 1]);
    now += 500;
    assert.equal(await cache.get('k', load), 1, 'served for the whole TTL');
    now += 1;
    assert.equal(await cache.get('k', load), 2);
    assert.equal(loads, 2);
  });

  it('does not keep a failed load', async () => {
    const cache = new TtlCache<string>(10_000, clock);
    let calls = 0;
    const failing = async (): Promise<string> => {
      calls++;
      throw new Error('down');
    };
    await assert.rejects(Promise.all([cache.get('k', failing), cache.get('k', failing)]), /down/);
    assert.equal(calls, 1, 'shared while in flight');
    assert.equal(await cache.get('k', async () => 'up'), 'up');
  });

  it('keys values apart, and forgets them all on clear', async () => {
    const cache = new TtlCache<string>(10_000, clock);
    assert.equal(await cache.get('a', async () => 'A'), 'A');
    assert.equal(await cache.get('b', async () => 'B'), 'B');
    assert.equal(await cache.get('a', async () => 'A2'), 'A');
    cache.clear();
    assert.equal(await cache.get('a', async () => 'A3'), 'A3');
  });

  it('answers the callers of a load under way at clear, but does not keep what it loaded', async () => {
    const cache = new TtlCache<string>(10_000, clock);
    let finish: (value: string) => void = () => undefined;
    const slow = cache.get('k', () => new Promise<string>((resolve) => { finish = resolve; }));
    cache.clear();
    finish('old');
    assert.equal(await slow, 'old');
    assert.equal(await cache.get('k', async () => 'new'), 'new');
  });

  it('with a TTL of 0, shares a load under way and keeps nothing after it', async () => {
    const cache = new TtlCache<number>(0, clock);
    let loads = 0;
    const load = async () => ++loads;
    assert.deepEqual(await Promise.all([cache.get('k', load), cache.get('k', load)]), [1, 1]);
    now += 2;
    assert.equal(await cache.get('k', load), 2);
  });
});
