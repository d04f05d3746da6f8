/**
 * Notification times in each recipient's own time zone, kept with their conversation as their
 * locale is, through the real server: a date before the end of daylight saving time in Paris shows
 * UTC+2, one after it UTC+1, and a person whose Teams sent only an offset is shown at that offset.
 */
import assert from 'node:assert/strict';
import { ADELE, ALEX, message, personalChatOf } from '../support/activities.js';
import { cardOf } from '../support/connector.js';
import { Harness } from '../support/harness.js';
import { textsOf } from '../bot/botAssertions.js';
import { LEE, NOTIFY_ENV, ROOMY_LIMIT, atSandbox, notificationsSince, poll, userOf } from './notifySupport.js';

describe('notification times in the recipient\'s own time zone', function () {
  this.timeout(60_000);
  // An empty helpdesk whose clock the test moves to either side of the change (the poller's cursor follows the API's times).
  const clock = { at: Date.parse('2026-10-24T09:00:00Z') };
  const h = new Harness({ env: NOTIFY_ENV, ...ROOMY_LIMIT, sandbox: { ...ROOMY_LIMIT.sandbox, seed: false, now: () => new Date(clock.at) } });
  before(async () => {
    await h.start();
    // Adele's Teams tells its IANA zone; Alex's only a local timestamp five hours behind UTC.
    await h.post({ ...message(ADELE, 'aide', { serviceUrl: h.serviceUrl }), locale: 'fr-FR', localTimezone: 'Europe/Paris' });
    const alexNow = new Date(Date.now() - 5 * 3_600_000).toISOString().replace('Z', '-05:00');
    await h.post({ ...message(ALEX, 'help', { serviceUrl: h.serviceUrl }), localTimezone: undefined, localTimestamp: alexNow });
    await poll(h);
  });
  after(() => h.stop());

  /** Assigns a new ticket to Adele and another to Alex at `at` (the sandbox's clock); the time each one's card shows. */
  async function assignedAt(at: string): Promise<{ adele: string[]; alex: string[] }> {
    clock.at = Date.parse(at);
    const people = [ADELE, ALEX];
    const tickets = [];
    for (const person of people) tickets.push(await atSandbox.create(h.sandbox, LEE, { title: `Laptop for ${person.name}`, requestor: LEE }));
    await poll(h);
    const mark = h.connector.calls.length;
    for (const [i, person] of people.entries()) await atSandbox.update(h.sandbox, LEE, tickets[i]!.id, { assignee: userOf(person) });
    await poll(h);
    const sent = notificationsSince(h, mark);
    const toAdele = sent.find((s) => s.to === personalChatOf(ADELE));
    const toAlex = sent.find((s) => s.to === personalChatOf(ALEX));
    assert.ok(toAdele && toAlex, `both told: ${sent.map((s) => s.headline).join(' | ')}`);
    return { adele: textsOf(cardOf(toAdele.call)), alex: textsOf(cardOf(toAlex.call)) };
  }

  // Paris leaves summer time at 01:00 UTC on 25 October 2026.
  it('shows a change the day before the end of summer time at UTC+2 in Paris, one the day after at UTC+1; the offset alone stays UTC−5', async () => {
    const before = await assignedAt('2026-10-24T12:00:00Z');
    assert.ok(before.adele.includes('24 oct. 2026, 14:00 UTC+2'), before.adele.join(' | '));
    assert.ok(before.alex.includes('24 Oct 2026, 07:00 UTC−5'), before.alex.join(' | '));
    const after = await assignedAt('2026-10-26T12:00:00Z');
    assert.ok(after.adele.includes('26 oct. 2026, 13:00 UTC+1'), after.adele.join(' | '));
    assert.ok(after.alex.includes('26 Oct 2026, 07:00 UTC−5'), after.alex.join(' | '));
  });

  it('follows a person to a new zone, and keeps it when a later message tells none', async () => {
    await h.post({ ...message(ADELE, 'aide', { serviceUrl: h.serviceUrl }), locale: 'fr-FR', localTimezone: 'Asia/Kolkata' });
    await h.post({ ...message(ADELE, 'aide', { serviceUrl: h.serviceUrl }), locale: 'fr-FR', localTimezone: undefined, localTimestamp: undefined });
    const { adele } = await assignedAt('2026-10-27T12:00:00Z');
    assert.ok(adele.includes('27 oct. 2026, 17:30 UTC+5:30'), adele.join(' | '));
  });

  it('posts to a channel in the zone of whoever subscribed it', async () => {
    const res = await h.post({ ...message(ADELE, 'notifier nouveaux', { serviceUrl: h.serviceUrl, channel: true }), locale: 'fr-FR', localTimezone: 'America/New_York' });
    assert.equal(res.status, 200);
    clock.at = Date.parse('2026-10-28T12:00:00Z');
    const mark = h.connector.calls.length;
    const created = await atSandbox.create(h.sandbox, LEE, { title: 'Projecteur en panne', requestor: userOf(ALEX) });
    await poll(h);
    const posted = notificationsSince(h, mark).find((s) => s.headline === `${LEE.name} a créé #${created.number}`);
    assert.ok(posted, 'the channel is told of the new ticket');
    // New York is still on summer time (UTC−4) until 1 November.
    assert.ok(textsOf(cardOf(posted.call)).includes('28 oct. 2026, 08:00 UTC−4'), textsOf(cardOf(posted.call)).join(' | '));
  });
});
