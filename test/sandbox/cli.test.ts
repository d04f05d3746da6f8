/**
 * `npm run sandbox` as a process: what a person trying the API with curl is told, through the
 * app's one logger (read here as JSON records); a bad setting stops it with one record naming it.
 */
import assert from 'node:assert/strict';
import { PROJECT_ROOT } from '../../src/projectRoot.js';
import { BotProcess, freePort } from '../support/botProcess.js';

interface LogRecord { level: string; msg: string }

describe('the sandbox, run alone (npm run sandbox)', function () {
  this.timeout(60_000);
  let sandbox: BotProcess | undefined;
  afterEach(() => {
    sandbox?.kill();
    sandbox = undefined;
  });

  const run = (env: Record<string, string>) =>
    (sandbox = new BotProcess(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', 'src/sandbox/main.ts'], PROJECT_ROOT, { LOG_FORMAT: 'json', ...env }));
  const records = (cli: BotProcess) => cli.stdout.map((line) => JSON.parse(line) as LogRecord);

  it('says where it listens and how to try it, logs each request without its key, and stops on SIGTERM', async () => {
    const port = await freePort();
    const cli = run({ SANDBOX_PORT: String(port) });
    const tryIt = JSON.parse(await cli.line(/"msg":"try: curl /)) as LogRecord;
    const url = /curl "([^"]+)"/.exec(tryIt.msg)?.[1] ?? '';
    assert.ok(url.startsWith(`http://127.0.0.1:${port}/`), tryIt.msg);

    assert.equal((await fetch(url)).status, 200);
    const logged = JSON.parse(await cli.line(/"msg":"GET /)) as LogRecord;
    assert.equal(logged.level, 'info');
    assert.match(logged.msg, /^GET \/ticketing\/v1\/tickets\?limit=5 200 \d+ms$/);

    process.kill(cli.child.pid!, 'SIGTERM');
    assert.equal(await cli.exited, 0);
    assert.deepEqual(records(cli).at(-1), { ...records(cli).at(-1), level: 'info', msg: 'SIGTERM: stopping the sandbox' });
    assert.deepEqual(cli.stderr, []);
  });

  it('stops with one record naming a bad setting', async () => {
    const cli = run({ SANDBOX_PORT: 'abc' });
    assert.equal(await cli.exited, 1);
    assert.deepEqual(records(cli).map(({ level, msg }) => ({ level, msg })), [
      { level: 'error', msg: 'SANDBOX_PORT must be a whole number from 0 to 65535 (got "abc").' },
    ]);
  });
});
