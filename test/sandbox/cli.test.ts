/**
 * `npm run sandbox` as a process: what a person trying the API with curl sees, written through the
 * app's one logger; a bad setting stops it with one line naming the setting.
 */
import assert from 'node:assert/strict';
import { PROJECT_ROOT } from '../../src/projectRoot.js';
import { BotProcess, freePort } from '../support/botProcess.js';

describe('the sandbox, run alone (npm run sandbox)', function () {
  this.timeout(60_000);
  let sandbox: BotProcess | undefined;
  afterEach(() => {
    sandbox?.kill();
    sandbox = undefined;
  });

  const run = (env: Record<string, string>) =>
    (sandbox = new BotProcess(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', 'src/sandbox/main.ts'], PROJECT_ROOT, env));

  it('says where it listens and how to try it, logs each request without its key, and stops on SIGTERM', async () => {
    const port = await freePort();
    const cli = run({ SANDBOX_PORT: String(port) });
    const tryLine = await cli.line(/INFO: try: curl /);
    const url = /curl "([^"]+)"/.exec(tryLine)?.[1] ?? '';
    assert.ok(url.startsWith(`http://127.0.0.1:${port}/`), tryLine);

    const answer = await fetch(url);
    assert.equal(answer.status, 200);
    const logged = await cli.line(/INFO: GET \/ticketing\/v1\/tickets/);
    assert.match(logged, /GET \/ticketing\/v1\/tickets\?limit=5 200 \d+ms$/);

    process.kill(cli.child.pid!, 'SIGTERM');
    assert.equal(await cli.exited, 0);
    assert.match(cli.stdout.at(-1)!, /INFO: SIGTERM: stopping the sandbox$/);
    assert.deepEqual(cli.stderr, []);
  });

  it('stops with one line naming a bad setting', async () => {
    const cli = run({ SANDBOX_PORT: 'abc' });
    assert.equal(await cli.exited, 1);
    assert.equal(cli.stdout.length, 1);
    assert.match(cli.stdout[0]!, /ERROR: SANDBOX_PORT must be a whole number from 0 to 65535 \(got "abc"\)\.$/);
  });
});
