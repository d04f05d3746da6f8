import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReplayGuard } from '../src/replayGuard.js';

const forgotten = () => -1;

describe('ReplayGuard', () => {
  it('runs the work once per key and hands repeats the first result', async () => {
    const guard = new ReplayGuard<number>();
    let runs = 0;
    const work = async () => ++runs;
    const first = guard.once('a', work, forgotten);
    const again = guard.once('a', work, forgotten);
    assert.equal(await first.result, 1);
    assert.equal(await again.result, 1);
    assert.equal(again.repeated, true);
    assert.equal(runs, 1);
    assert.equal((guard.once(undefined, work, forgotten)).repeated, false, 'no id: no guard');
  });

  it('remembers every id for its whole window, whatever the volume; a repeat whose answer is gone gets forgotten(), never the work', async () => {
    let clock = 1_000_000; // not 0: lru-cache reads a start time of 0 as "no TTL"
    const guard = new ReplayGuard<number>({ maxAnswers: 10, now: () => clock });
    let runs = 0;
    for (let i = 0; i < 20_000; i++) {
      guard.once(`id-${i}`, async () => ++runs, forgotten);
      clock += 10; // 200 s in all, within the 10 min window
    }
    assert.equal(runs, 20_000);
    const repeat = guard.once('id-0', async () => ++runs, forgotten);
    assert.equal(repeat.repeated, true);
    assert.equal(await repeat.result, -1, 'its answer was not kept, so the stand-in answer');
    assert.equal(runs, 20_000, 'the work did not run again');
    assert.equal(await guard.once('id-19999', async () => ++runs, forgotten).result, 20_000, 'a recent answer is still shared');
  });

  it('forgets an id after its window, and the memory the ids take is bounded in bytes', () => {
    let clock = 1_000_000; // not 0: lru-cache reads a start time of 0 as "no TTL"
    const guard = new ReplayGuard<number>({ claimTtlMs: 1000, now: () => clock });
    guard.once('a', async () => 1, forgotten);
    clock += 1500;
    assert.equal(guard.once('a', async () => 2, forgotten).repeated, false, 'a new delivery after the window');

    const small = new ReplayGuard<number>({ maxClaimBytes: 10_000 });
    for (let i = 0; i < 1000; i++) small.once(`key-${String(i).padStart(20, '0')}`, async () => 1, forgotten);
    assert.ok(small.size > 0 && small.size < 100, `only what fits in 10,000 bytes (${small.size} ids of 24 characters)`);
  });

  it('keeps its claims across a restart in its file: a redelivery after a crash does not run the work', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'replay-')), 'claims.log');
    const before = new ReplayGuard<number>({ file });
    await before.once('create-1', async () => 1, forgotten).result;

    const after = new ReplayGuard<number>({ file });
    let ran = false;
    const repeat = after.once('create-1', async () => {
      ran = true;
      return 2;
    }, forgotten);
    assert.equal(repeat.repeated, true);
    assert.equal(await repeat.result, -1);
    assert.equal(ran, false);
    assert.equal(after.once('create-2', async () => 3, forgotten).repeated, false);
  });

  it('keeps its file small: ids past their window leave it when it is rewritten', () => {
    let clock = 1_000_000; // not 0: lru-cache reads a start time of 0 as "no TTL"
    const file = join(mkdtempSync(join(tmpdir(), 'replay-')), 'claims.log');
    const guard = new ReplayGuard<number>({ file, claimTtlMs: 1000, now: () => clock });
    for (let i = 0; i < 5000; i++) {
      guard.once(`id-${i}`, async () => 1, forgotten);
      clock += 10;
    }
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').length;
    assert.ok(lines <= 2 * 100 + 2000, `at most twice the live ids plus a margin (${lines} lines for 100 live)`);
    const reloaded = new ReplayGuard<number>({ file, claimTtlMs: 1000, now: () => clock });
    assert.equal(reloaded.size, 99, 'only the ids of the last second are live (the newest was 10 ms ago, the oldest 990 ms)');
  });
});
