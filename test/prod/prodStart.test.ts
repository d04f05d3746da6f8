/**
 * The production start as App Service runs it: the build, in a copy of what `atk deploy` zips (the
 * project less .webappignore) with production dependencies only (`npm ci --omit=dev`), started with
 * `npm run start:prod`. Run by `npm run
 * test:prod` (CI), not by `npm test`: it builds and installs, which takes a while.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { PROJECT_ROOT } from '../../src/projectRoot.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { BotProcess, TEAMS_CREDENTIALS, freePort } from '../support/botProcess.js';
import { ConnectorRecorder } from '../support/connector.js';
import { servesATurn } from '../support/prodChecks.js';
import { ignoredByWebApp } from '../support/webAppIgnore.js';

/** Left out of the deployment by .webappignore; node_modules is installed afresh in the copy. */
function deployed(source: string): boolean {
  const top = relative(PROJECT_ROOT, source).split(sep)[0]!;
  return top === '' || (top !== 'node_modules' && !ignoredByWebApp(top));
}

describe('production start: the build with production dependencies only', function () {
  this.timeout(300_000);
  const connector = new ConnectorRecorder();
  let copy: string;
  let bot: BotProcess | undefined;

  before(async () => {
    execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
    copy = mkdtempSync(join(tmpdir(), 'tickets-prod-'));
    cpSync(PROJECT_ROOT, copy, { recursive: true, filter: deployed });
    execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: copy, stdio: 'ignore' });
    await connector.start();
  });
  after(async () => {
    await connector.stop();
    if (copy) rmSync(copy, { recursive: true, force: true });
  });
  afterEach(() => {
    bot?.kill();
    bot = undefined;
  });

  async function startProd(env: Record<string, string>): Promise<{ bot: BotProcess; url: string }> {
    const port = await freePort();
    bot = new BotProcess('npm', ['run', '--silent', 'start:prod'], copy, { PORT: String(port), ...env });
    return { bot, url: `http://127.0.0.1:${port}` };
  }

  it('holds what is deployed, with no development dependency installed', () => {
    assert.equal(existsSync(join(copy, 'src')), false, 'no sources: the build runs');
    assert.equal(existsSync(join(copy, 'dist')), true);
    for (const dev of ['tsx', 'typescript', 'mocha', '@microsoft/m365agentsplayground']) {
      assert.equal(existsSync(join(copy, 'node_modules', dev)), false, `${dev} is not installed`);
    }
    assert.ok(existsSync(join(copy, 'node_modules', '@azure', 'keyvault-secrets')));
  });

  it('serves a turn, answers /readyz, and stops on SIGTERM', async () => {
    const { bot, url } = await startProd({ PLAYGROUND: 'off' });
    await bot.line(/Bot listening on/);
    assert.equal((await fetch(`${url}/readyz`)).status, 200);
    await servesATurn(url, connector);
    process.kill(bot.child.pid!, 'SIGTERM');
    assert.equal(await bot.exited, 0);
    assert.ok(bot.stdout.some((l) => l.endsWith('Stopped')), bot.stdout.join('\n'));
  });

  it('refuses to serve invented tickets when Teams credentials are set', async () => {
    const { bot } = await startProd({ ...TEAMS_CREDENTIALS });
    assert.equal(await bot.exited, 1);
    assert.deepEqual(bot.stderr.filter((l) => !l.startsWith('npm ')), [
      'Configuration error: TICKETING_BASE_URL or TICKETING_REGION is required when MicrosoftAppId is set (TICKETING_SANDBOX=on serves the embedded sandbox\'s invented tickets instead)',
    ]);
  });

  describe('with Teams credentials and an API', () => {
    let api: Sandbox;
    before(async () => {
      api = await startSandbox({ port: 0 });
    });
    after(() => api.close());

    it('starts, logs JSON lines, is ready once the API answers, and refuses a turn with no token', async () => {
      const { bot, url } = await startProd({
        ...TEAMS_CREDENTIALS,
        TICKETING_BASE_URL: api.baseUrl, TICKETING_API_KEY: api.primaryKey,
      });
      await bot.line(/Bot listening on/);
      assert.deepEqual(await (await fetch(`${url}/readyz`)).json(), { status: 'ready', checks: { configuration: 'ok', ticketingApi: 'ok' } });
      for (const line of bot.stdout) assert.equal(typeof JSON.parse(line).msg, 'string');
      assert.ok(!bot.stdout.some((l) => l.includes(api.primaryKey)), 'the key is in no log line');
      const anonymous = await fetch(`${url}/api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'list', serviceUrl: connector.url, from: { id: 'x' }, conversation: { id: 'a:x' } }),
      });
      assert.equal(anonymous.status, 401, 'Bot Framework authentication is on');
    });
  });
});
