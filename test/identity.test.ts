import assert from 'node:assert/strict';
import sinon from 'sinon';
import { emailFromUpn, timezoneOf } from '../src/identity.js';

describe('identity helpers', () => {
  it('turns a guest UPN back into the person\'s address', () => {
    assert.equal(emailFromUpn('jane.doe_contoso.com#EXT#@fabrikam.onmicrosoft.com'), 'jane.doe@contoso.com');
    assert.equal(emailFromUpn('first_last_contoso.co.uk#EXT#@fabrikam.onmicrosoft.com'), 'first_last@contoso.co.uk');
    assert.equal(emailFromUpn('alex@contoso.com'), 'alex@contoso.com');
  });

  it('reads the timezone from the IANA zone, else the local timestamp, else the default', () => {
    assert.equal(timezoneOf({ localTimezone: 'Asia/Bangkok' }, 0), 7);
    assert.equal(timezoneOf({ localTimezone: 'Etc/GMT+5' }, 0), -5);
    assert.equal(timezoneOf({ localTimezone: 'Not/AZone', rawLocalTimestamp: '2026-11-28T09:00:00.000-08:00' }, 0), -8);
    assert.equal(timezoneOf({ rawLocalTimestamp: '2026-11-28T09:00:00.000+05:30' }, 0), 6);
    assert.equal(timezoneOf({ rawLocalTimestamp: '2026-11-28T09:00:00Z' }, 3), 0);
    assert.equal(timezoneOf({}, 3), 3);
    assert.equal(timezoneOf({ rawLocalTimestamp: 'garbage' }, -2), -2);
  });

  it('follows a daylight-saving change to the minute, though it reads each zone once a quarter hour', () => {
    // Paris left summer time at 01:00 UTC on 25 Oct 2026: UTC+2 until then, UTC+1 after.
    const clock = sinon.useFakeTimers({ now: Date.parse('2026-10-25T00:59:00Z'), toFake: ['Date'] });
    try {
      assert.equal(timezoneOf({ localTimezone: 'Europe/Paris' }, 0), 2);
      clock.setSystemTime(Date.parse('2026-10-25T00:59:59Z'));
      assert.equal(timezoneOf({ localTimezone: 'Europe/Paris' }, 0), 2);
      clock.setSystemTime(Date.parse('2026-10-25T01:00:00Z'));
      assert.equal(timezoneOf({ localTimezone: 'Europe/Paris' }, 0), 1);
      clock.setSystemTime(Date.parse('2026-07-01T12:00:00Z'));
      assert.equal(timezoneOf({ localTimezone: 'Europe/Paris' }, 0), 2, 'an earlier date is read again');
    } finally {
      clock.restore();
    }
  });
});
