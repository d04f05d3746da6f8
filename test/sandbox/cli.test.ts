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

  it('stops with one record naming a bad setting, in the words the bot uses for its own', async () => {
    const bad: [Record<string, string>, string][] = [
      [{ SANDBOX_PORT: 'abc' }, 'SANDBOX_PORT must be a whole number from 0 to 65535 (got "abc")'],
      [{ SANDBOX_DIALECT: 'klingon' }, 'SANDBOX_DIALECT must be one of live, documented (got "klingon")'],
      [{ SANDBOX_PRIMARY_KEY: 'same', SANDBOX_SECONDARY_KEY: 'same' }, 'SANDBOX_PRIMARY_KEY and SANDBOX_SECONDARY_KEY must differ'],
      [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT must be one of json, text (got "xml")'],
    ];
    for (const [env, message] of bad) {
      const cli = run(env);
      assert.equal(await cli.exited, 1, message);
      // LOG_FORMAT=xml is refused before the JSON logger exists: its one record is a readable line.
      const lines = env.LOG_FORMAT ? cli.stdout : records(cli).map(({ level, msg }) => `${level}: ${msg}`);
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.ok(lines[0]!.endsWith(env.LOG_FORMAT ? message : `error: ${message}`), `${lines[0]} / ${message}`);
      cli.kill();
    }
  });
});
