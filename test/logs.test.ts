/** The app's log: pino records, a child per turn, levels, and keys and tokens censored. */
import assert from 'node:assert/strict';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { ADELE, message } from './support/activities.js';
import { Harness } from './support/harness.js';
import { recordingLogger, recordText, type LogRecord } from './support/logRecords.js';

describe('logs', () => {
  it('censors keys and tokens in a record, at the top and one level down, through pino\'s redact', () => {
    const records: LogRecord[] = [];
    recordingLogger(records).info({ apiKey: 'k-123', token: 't-456', headers: { authorization: 'Bearer abc' }, reason: 'expired' }, 'auth refused');
    assert.equal(records.length, 1);
    const [record] = records;
    assert.deepEqual([record!.apiKey, record!.token, (record!.headers as Record<string, unknown>).authorization], ['[redacted]', '[redacted]', '[redacted]']);
    assert.equal(record!.reason, 'expired', 'other fields are kept');
    assert.ok(!/k-123|t-456|abc/.test(recordText(record!)));
  });

  it('writes the records at LOG_LEVEL or above (default info)', () => {
    assert.equal(loadConfig({}).logLevel, 'info');
    assert.equal(loadConfig({ LOG_LEVEL: 'Debug' }).logLevel, 'debug');
    assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /^ConfigError: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/);
    const lines: string[] = [];
    const logger = createLogger({ format: 'json', level: 'warn', destination: { write: (line: string) => void lines.push(line) } });
    logger.info('not written');
    logger.warn('written');
    assert.deepEqual(lines.map((l) => (JSON.parse(l) as LogRecord).msg), ['written']);
  });

  describe('a turn', () => {
    let h: Harness;
    before(async () => { h = await new Harness().start(); });
    after(() => h.stop());

    it('logs through a child that names the activity, its kind and conversation type, and never what was written', async () => {
      const secretText = 'help me with my secret project Bluebird';
      const activity = { ...message(ADELE, secretText, { serviceUrl: h.serviceUrl }), id: 'turn-log-1' };
      const logged = h.logs.length;
      assert.equal((await h.post(activity)).status, 200);
      const records = h.logs.slice(logged).filter((r) => r.activityId === 'turn-log-1');
      assert.ok(records.length > 0, 'the turn was logged');
      for (const record of records) {
        assert.equal(record.kind, 'message');
        assert.equal(record.conversationType, 'personal');
        assert.ok(!recordText(record).includes('Bluebird'), `no user text in ${recordText(record)}`);
      }
    });

    it('records each API call as fields, with the turn that made it, a refusal of the service at warn, and never the words searched for', async () => {
      h.sandbox.faults.inject({ kind: 'status', status: 500, times: 1, match: { method: 'GET', path: '/tickets' } });
      const logged = h.logs.length;
      await h.post({ ...message(ADELE, 'list Bluebird', { serviceUrl: h.serviceUrl }), id: 'api-log-1' });
      await h.post({ ...message(ADELE, 'list Bluebird', { serviceUrl: h.serviceUrl }), id: 'api-log-2' });
      const calls = h.logs.slice(logged).filter((r) => r.component === 'api' && r.msg === 'api call' && r.path === '/tickets');
      assert.deepEqual(calls.map((r) => [r.activityId, r.level, r.method, r.status]), [['api-log-1', 'warn', 'GET', 500], ['api-log-2', 'info', 'GET', 200]], JSON.stringify(calls));
      assert.ok(calls.every((r) => typeof r.ms === 'number' && r.kind === 'message' && !recordText(r).includes('Bluebird')));
    });
  });
});
