/**
 * The bot started as a process, the way `npm start` runs src/index.ts: what it refuses to start
 * with, its JSON log lines, /healthz and /readyz, a turn served, and a graceful stop on SIGTERM.
 * (test/prod/ runs the compiled build the same way, with production dependencies only.)
 */
import assert from 'node:assert/strict';
import { PROJECT_ROOT } from '../src/projectRoot.js';
import { startSandbox } from '../src/sandbox/index.js';
import { ADELE, cardAction, personalChatOf } from './support/activities.js';
import { BotProcess, TEAMS_CREDENTIALS, freePort } from './support/botProcess.js';
import { ConnectorRecorder } from './support/connector.js';
import { servesATurn } from './support/prodChecks.js';

describe('start-up, as a process', function () {
  this.timeout(60_000);
  const connector = new ConnectorRecorder();
  let bot: BotProcess | undefined;
  before(() => connector.start());
  after(() => connector.stop());
  afterEach(() => {
    bot?.kill();
    bot = undefined;
    connector.clear();
  });

  async function start(env: Record<string, string>, preload: string[] = []): Promise<{ bot: BotProcess; url: string }> {
    const port = await freePort();
    const args = ['--import', 'tsx', ...preload.flatMap((file) => ['--import', file]), '--disable-warning=DEP0111', 'src/index.ts'];
    bot = new BotProcess(process.execPath, args, PROJECT_ROOT, { PORT: String(port), PLAYGROUND: 'off', ...env });
    return { bot, url: `http://127.0.0.1:${port}` };
  }

  it('with Teams credentials and no API set, stops with one line saying what is missing', async () => {
    const { bot } = await start({ ...TEAMS_CREDENTIALS });
    assert.equal(await bot.exited, 1);
    assert.deepEqual(bot.stderr, [
      'Configuration error: TICKETING_BASE_URL or TICKETING_REGION is required when MicrosoftAppId is set (TICKETING_SANDBOX=on serves the embedded sandbox\'s invented tickets instead)',
    ]);
    assert.deepEqual(bot.stdout, []);
  });

  it('stops with one JSON line when the keys\' Key Vault cannot be read, naming the vault and why', async () => {
    const { bot } = await start({
      ...TEAMS_CREDENTIALS, TICKETING_REGION: 'us', TICKETING_KEY_VAULT_URL: 'https://127.0.0.1:9',
    });
    assert.equal(await bot.exited, 1);
    const last = JSON.parse(bot.stdout.at(-1)!) as { level: string; msg: string };
    assert.equal(last.level, 'error');
    assert.equal(last.msg, 'Could not start: could not read ticketing-api-key from https://127.0.0.1:9 (ECONNREFUSED)');
  });

  it('logs JSON lines, is alive and ready, serves a turn, and stops on SIGTERM', async () => {
    const { bot, url } = await start({ LOG_FORMAT: 'json' });
    await bot.line(/Bot listening on/);
    assert.deepEqual(await (await fetch(`${url}/healthz`)).json(), { status: 'ok' });
    const ready = await fetch(`${url}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ready', checks: { configuration: 'ok', ticketingApi: 'ok' } });

    await servesATurn(url, connector);

    process.kill(bot.child.pid!, 'SIGTERM');
    const started = Date.now();
    assert.equal(await bot.exited, 0);
    assert.ok(Date.now() - started < 4000, 'stopped within the grace period');
    const lines = bot.stdout.map((l) => JSON.parse(l) as { level: string; time: string; msg: string });
    for (const line of lines) {
      // Level, time and message on every record; a turn's also say which turn (no pid or host name).
      assert.deepEqual(['level', 'msg', 'time'].filter((key) => !(key in line)), [], JSON.stringify(line));
      assert.ok(!('pid' in line) && !('hostname' in line), JSON.stringify(line));
      assert.ok(!Number.isNaN(Date.parse(line.time)));
    }
    assert.ok(lines.some((l) => 'activityId' in l && 'kind' in l), 'the turn was logged with its activity');
    assert.ok(lines.some((l) => l.msg === 'SIGTERM: finishing turns in flight, then stopping'));
    assert.equal(lines.at(-1)!.msg, 'Stopped');
  });

  it('logs a promise that fails unheard as an error, without its message or stack, and keeps serving', async () => {
    const { bot, url } = await start({ LOG_FORMAT: 'json' }, ['./test/support/rejectOnSignal.ts']);
    await bot.line(/Bot listening on/);
    process.kill(bot.child.pid!, 'SIGUSR2');
    const line = JSON.parse(await bot.line(/unhandled rejection/)) as Record<string, unknown>;
    assert.deepEqual({ level: line.level, msg: line.msg, error: line.error }, { level: 'error', msg: 'unhandled rejection: a bug; the bot keeps serving', error: 'Error' });
    assert.equal((await fetch(`${url}/healthz`)).status, 200, 'still serving');
    await servesATurn(url, connector);
    assert.equal(bot.child.exitCode, null, 'still running');
    assert.ok(![...bot.stdout, ...bot.stderr].some((l) => l.includes('a detail only a stack would show')));
  });

  it('says which API it uses (no key in sight), and plainly when it cannot reach it', async () => {
    const { bot, url } = await start({
      TICKETING_BASE_URL: 'http://127.0.0.1:9/ticketing/v1', TICKETING_API_KEY: 'key-that-must-not-show', ALLOW_LOCAL_MODE_WITH_LIVE_API: 'true',
    });
    await bot.line(/Ticketing API: http:\/\/127\.0\.0\.1:9\/ticketing\/v1$/);
    const line = await bot.line(/Cannot reach the Ticketing API/, 20_000);
    assert.match(line, /WARN.*at http:\/\/127\.0\.0\.1:9\/ticketing\/v1 \(no connection\)\. The bot runs on/);
    assert.equal((await fetch(`${url}/healthz`)).status, 200, 'the bot runs on');
    assert.ok(![...bot.stdout, ...bot.stderr].some((l) => l.includes('key-that-must-not-show')));
  });

  it('says so when the API it uses answers', async () => {
    const sandbox = await startSandbox({ port: 0 });
    try {
      const { bot } = await start({ TICKETING_BASE_URL: sandbox.baseUrl, TICKETING_API_KEY: sandbox.primaryKey, ALLOW_LOCAL_MODE_WITH_LIVE_API: 'true' });
      await bot.line(/Ticketing API at http:\/\/127\.0\.0\.1:\d+\/ticketing\/v1 answers$/, 20_000);
      assert.ok(![...bot.stdout, ...bot.stderr].some((l) => l.includes(sandbox.primaryKey)));
    } finally {
      await sandbox.close();
    }
  });

  it('runs on when Teams refuses to redraw a clicked card for everyone, and logs only that', async () => {
    const sandbox = await startSandbox({ port: 0 });
    try {
      const { bot, url } = await start({
        TICKETING_BASE_URL: sandbox.baseUrl, TICKETING_API_KEY: sandbox.primaryKey, ALLOW_LOCAL_MODE_WITH_LIVE_API: 'true', LOG_FORMAT: 'json',
      });
      await bot.line(/Bot listening on/);
      connector.addPeople([ADELE]);
      const ticket = sandbox.store.all().find((t) => t.status === 'Open' && t.workflowId === undefined)!;
      // Teams answers the card's update with 403 after the clicker has had their answer: the turn is over by then.
      connector.refusals.set(personalChatOf(ADELE), { status: 403, times: 1 });
      const click = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(cardAction(ADELE, 'resolve', { ticketId: ticket.id, resolution: 'fixed' }, { serviceUrl: connector.url, replyToId: 'msg-refused' })),
      });
      assert.equal(click.status, 200);
      assert.equal(sandbox.store.find(ticket.id)?.status, 'Resolved');
      const warned = JSON.parse(await bot.line(/card update for everyone failed/)) as Record<string, unknown>;
      assert.deepEqual([warned.level, warned.error, warned.status], ['warn', 'RestError', 403]);

      await servesATurn(url, connector);
      assert.equal(bot.child.exitCode, null, 'the process is still running');
      assert.deepEqual(bot.stderr, []);
    } finally {
      await sandbox.close();
    }
  });

  it('TICKETING_SANDBOX=on: the sandbox, asked for by name, even with Teams credentials', async () => {
    const { bot, url } = await start({
      ...TEAMS_CREDENTIALS, TICKETING_SANDBOX: 'on',
    });
    await bot.line(/Bot listening on/);
    const line = await bot.line(/using the embedded sandbox/);
    assert.match(JSON.parse(line).msg, /\(invented tickets\)$/, 'JSON by default with credentials');
    assert.equal((await fetch(`${url}/readyz`)).status, 200);
  });
});
