import assert from 'node:assert/strict';
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
});
