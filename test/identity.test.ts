import assert from 'node:assert/strict';
import sinon from 'sinon';
import { dateTime } from '../src/cards/format.js';
import { emailFromUpn, offsetAt, zoneOf } from '../src/identity.js';

/** The speaker's offset now, as a turn works it out (bot.ts: the locale's zone, at this moment). */
const utcOffsetOf = (activity: { localTimezone?: string; rawLocalTimestamp?: string }, fallback: number) => offsetAt(zoneOf(activity, fallback), new Date());

describe('identity helpers', () => {
  it('turns a guest UPN back into the person\'s address', () => {
    assert.equal(emailFromUpn('jane.doe_contoso.com#EXT#@fabrikam.onmicrosoft.com'), 'jane.doe@contoso.com');
    assert.equal(emailFromUpn('first_last_contoso.co.uk#EXT#@fabrikam.onmicrosoft.com'), 'first_last@contoso.co.uk');
    assert.equal(emailFromUpn('alex@contoso.com'), 'alex@contoso.com');
  });

  it('reads the offset from the IANA zone, else the local timestamp, else the default', () => {
    assert.equal(utcOffsetOf({ localTimezone: 'Asia/Bangkok' }, 0), 7);
    assert.equal(utcOffsetOf({ localTimezone: 'Etc/GMT+5' }, 0), -5);
    assert.equal(utcOffsetOf({ localTimezone: 'Not/AZone', rawLocalTimestamp: '2026-11-28T09:00:00.000-08:00' }, 0), -8);
    assert.equal(utcOffsetOf({ rawLocalTimestamp: '2026-11-28T09:00:00.000+05:30' }, 0), 5.5);
    assert.equal(utcOffsetOf({ rawLocalTimestamp: '2026-11-28T09:00:00.000+18:00' }, 0), 14, 'within the API\'s range');
    assert.equal(utcOffsetOf({ rawLocalTimestamp: '2026-11-28T09:00:00Z' }, 3), 0);
    assert.equal(utcOffsetOf({}, 3), 3);
    assert.equal(utcOffsetOf({ rawLocalTimestamp: 'garbage' }, -2), -2);
  });

  it('keeps half and quarter hours (India, Nepal, Newfoundland), and cards show times in them', () => {
    const at = Date.parse('2026-11-28T12:00:00Z');
    const clock = sinon.useFakeTimers({ now: at, toFake: ['Date'] });
    try {
      const cases: Array<[string, number, string]> = [
        ['Asia/Kolkata', 5.5, '28 Nov 2026, 17:30 UTC+5:30'],
        ['Asia/Kathmandu', 5.75, '28 Nov 2026, 17:45 UTC+5:45'],
        ['America/St_Johns', -3.5, '28 Nov 2026, 08:30 UTC−3:30'],
        ['Europe/Paris', 1, '28 Nov 2026, 13:00 UTC+1'],
      ];
      for (const [zone, offset, shown] of cases) {
        assert.equal(utcOffsetOf({ localTimezone: zone }, 0), offset, zone);
        assert.equal(dateTime(new Date(at).toISOString(), { language: 'en', zone: { iana: zone } }), shown, zone);
      }
    } finally {
      clock.restore();
    }
  });

  it('follows a daylight-saving change to the minute', () => {
    // Paris left summer time at 01:00 UTC on 25 Oct 2026: UTC+2 until then, UTC+1 after.
    const clock = sinon.useFakeTimers({ now: Date.parse('2026-10-25T00:59:00Z'), toFake: ['Date'] });
    try {
      assert.equal(utcOffsetOf({ localTimezone: 'Europe/Paris' }, 0), 2);
      clock.setSystemTime(Date.parse('2026-10-25T00:59:59Z'));
      assert.equal(utcOffsetOf({ localTimezone: 'Europe/Paris' }, 0), 2);
      clock.setSystemTime(Date.parse('2026-10-25T01:00:00Z'));
      assert.equal(utcOffsetOf({ localTimezone: 'Europe/Paris' }, 0), 1);
      clock.setSystemTime(Date.parse('2026-07-01T12:00:00Z'));
      assert.equal(utcOffsetOf({ localTimezone: 'Europe/Paris' }, 0), 2, 'an earlier date is read again');
    } finally {
      clock.restore();
    }
  });

  it('shows each moment at its own offset across the end of summer time (Paris, last Sunday of October)', () => {
    // Read in November: the offset now (UTC+1) must not be used for a moment of October's summer time.
    const clock = sinon.useFakeTimers({ now: Date.parse('2026-11-28T12:00:00Z'), toFake: ['Date'] });
    try {
      const paris = { iana: 'Europe/Paris' };
      // 02:30 happens twice in Paris that night: first in summer time, then again an hour later.
      assert.equal(dateTime('2026-10-25T00:30:00Z', { language: 'en', zone: paris }), '25 Oct 2026, 02:30 UTC+2');
      assert.equal(dateTime('2026-10-25T01:30:00Z', { language: 'en', zone: paris }), '25 Oct 2026, 02:30 UTC+1');
      assert.equal(dateTime('2026-10-24T12:00:00Z', { language: 'fr', zone: paris }), '24 oct. 2026, 14:00 UTC+2');
      assert.equal(dateTime('2026-12-05T13:30:00Z', { language: 'fr', zone: paris }), '5 déc. 2026, 14:30 UTC+1');
      assert.equal(offsetAt(paris, new Date('2026-10-25T00:59:59Z')), 2);
      assert.equal(offsetAt(paris, new Date('2026-10-25T01:00:00Z')), 1);
      // A zone known only by the offset of a local timestamp stays at it: it says nothing of daylight saving.
      const fixed = zoneOf({ rawLocalTimestamp: '2026-11-28T13:00:00.000+01:00' }, 0);
      assert.equal(dateTime('2026-07-01T12:00:00Z', { language: 'fr', zone: fixed }), '1 juil. 2026, 13:00 UTC+1');
      assert.deepEqual(zoneOf({ localTimezone: 'Not/AZone' }, 3), { fixedHours: 3 });
    } finally {
      clock.restore();
    }
  });
});
