import assert from 'node:assert/strict';
import { ALEX, message } from '../support/activities.js';
import { Harness } from '../support/harness.js';
import { recordText } from '../support/logRecords.js';
import { technicalIn } from './botAssertions.js';
import type { Fault } from '../../src/sandbox/index.js';
import { MALLORY, hostileActivities, prng } from '../support/hostile.js';

const COUNT = Number(process.env.HOSTILE_COUNT ?? 10_000);
const SEED = Number(process.env.HOSTILE_SEED ?? 20261128);
const HANDLED_INVOKES = ['adaptiveCard/action', 'composeExtension/query', 'composeExtension/fetchTask', 'composeExtension/submitAction', 'composeExtension/queryLink'];

/**
 * What the API does wrong, now and then, while the hostile activities come in. Not a 429: its
 * Retry-After rightly holds the whole key, which would stall this one-at-a-time run (the 429 path
 * has its own tests in resilience.test.ts).
 */
const API_FAULTS: Fault[] = [
  { kind: 'status', status: 500 }, { kind: 'status', status: 503 }, { kind: 'status', status: 404 },
  { kind: 'malformed' }, { kind: 'delay', ms: 30 }, { kind: 'dropBeforeRead' }, { kind: 'dropAfterApply' },
];

/** Whether any person in a request body (an object with an id or an email) is Mallory; her address inside typed text is only text. */
function namesMallory(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(namesMallory);
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (record.id === MALLORY.id || record.email === MALLORY.email) return true;
  return Object.values(record).some(namesMallory);
}

/**
 * The real bot server and sandbox take COUNT generated hostile activities (test/support/hostile.ts),
 * one at a time so that each write the sandbox sees belongs to one activity, while the API fails
 * now and then (one in 25 activities meets a 5xx, a 404, a body that is not JSON, a delay or a
 * dropped connection). Nothing crashes or answers 5xx, no answer or log line shows a stack trace,
 * an error name or an API key, and every write is made in the name of the Teams member who sent
 * the activity: never the forged identity the payloads carry, never for a stranger or someone
 * without an AAD id.
 */
describe(`bot under ${COUNT} hostile activities (seed ${SEED}), through the real server`, function () {
  this.timeout(10 * 60_000);
  const h = new Harness({ rateLimit: { limit: 1_000_000_000, windowMs: 60_000 } });
  before(async () => {
    await h.start();
    h.sandbox.setRateLimit(1_000_000_000, 60);
  });
  after(() => h.stop());

  it('crashes nothing, shows nothing technical, and writes only in the sender\'s name', async () => {
    const tickets = h.sandbox.store.allTickets().map((t) => ({ id: t.id, number: t.ticketId }));
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    let writes = 0;
    const note = (i: number, what: string) => {
      if (problems.length < 20) problems.push(`#${i}: ${what}`);
    };
    const exposes = (text: string) => technicalIn(text, h) !== undefined;

    const activities = hostileActivities(COUNT, SEED, tickets, h.serviceUrl);
    const faultDraw = prng(SEED + 1);
    for (const [i, { activity, sender }] of activities.entries()) {
      h.resetCounts();
      h.sandbox.faults.clear();
      if (faultDraw() < 1 / 25) h.sandbox.faults.inject(API_FAULTS[Math.floor(faultDraw() * API_FAULTS.length)]!);
      const res = await h.post(activity);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      // Bot Framework answers an invoke it has no handler for with 501 Not Implemented: that is its convention, not a failure.
      const unhandledInvoke = activity.type === 'invoke' && !HANDLED_INVOKES.includes(String(activity.name));
      if (res.status >= 500 && !(res.status === 501 && unhandledInvoke)) note(i, `HTTP ${res.status} for ${String(activity.type)} ${String(activity.name)} ${JSON.stringify(activity.value ?? activity.text ?? "").slice(0, 200)}`);
      const shown = JSON.stringify(res.body ?? '') + JSON.stringify(h.connector.calls.map((c) => c.body));
      if (exposes(shown)) note(i, `something technical shown: ${shown.slice(0, 300)}`);
      // A write the sandbox read the body of (one refused before, by a fault, changed nothing).
      for (const request of h.sandbox.requests.filter((r) => r.method !== 'GET' && r.body !== undefined)) {
        writes++;
        const user = request.body?.user;
        const expected = sender && { id: sender.aadObjectId, name: sender.name, email: sender.email };
        if (!expected) note(i, `${request.method} ${request.path} for an activity with no authenticated sender`);
        else if (JSON.stringify(user) !== JSON.stringify(expected)) note(i, `${request.method} ${request.path} as ${JSON.stringify(user)}, sent by ${sender.name}`);
        if (namesMallory(request.body)) note(i, `forged identity reached the API: ${JSON.stringify(request.body).slice(0, 300)}`);
      }
    }
    // A turn that ended in an error the bot did not turn into an answer is logged at level error.
    const logged = h.logs.filter((record) => exposes(recordText(record)) || record.level === 'error');
    assert.deepEqual(problems, [], `statuses ${JSON.stringify([...statuses])}`);
    assert.deepEqual(logged.slice(0, 10), [], 'log lines with something technical, or an error nobody expected');
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype was polluted');
    assert.ok(writes >= COUNT / 40, `enough of the activities were well-formed changes to test whose name they carry (${writes})`);

    // Still serving, and still right.
    const health = await fetch(`${h.app.server.url}/healthz`);
    assert.equal(health.status, 200);
    h.resetCounts();
    await h.post(message(ALEX, 'help', { serviceUrl: h.serviceUrl }));
    assert.equal(h.connector.messages().length, 1, 'help still answers');
    assert.equal(h.sandbox.store.allTickets().filter(namesMallory).length, 0, 'no ticket names Mallory as a person');
  });
});
