import assert from 'node:assert/strict';
import { ReplayGuard } from '../src/replayGuard.js';

describe('ReplayGuard', () => {
  it('runs the work once per key and hands repeats the first result', async () => {
    const guard = new ReplayGuard<number>();
    let runs = 0;
    const work = async () => ++runs;
    const first = guard.once('a', work);
    const again = guard.once('a', work);
    assert.equal(await first.result, 1);
    assert.equal(await again.result, 1);
    assert.equal(again.repeated, true);
    assert.equal(runs, 1);
    assert.equal((guard.once(undefined, work)).repeated, false, 'no id: no guard');
  });

  it('forgets answers after the TTL and beyond its capacity, so memory stays bounded', async () => {
    let clock = 0;
    const guard = new ReplayGuard<number>(1000, 3, () => clock);
    for (const key of ['a', 'b', 'c', 'd']) guard.once(key, async () => 1);
    assert.equal(guard.size, 3);
    assert.equal(guard.once('a', async () => 2).repeated, false, 'the oldest went when capacity was reached');
    clock = 5000;
    guard.once('e', async () => 1);
    assert.equal(guard.size, 1, 'everything older than the TTL is gone');
  });
});
