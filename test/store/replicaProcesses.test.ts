/**
 * Three bot processes, started as App Service starts them (src/index.ts), on one real redis-server
 * and one sandbox with the API's real limit (100 requests per 60 s per key): the "several
 * real bot processes". Nothing is shared between them but Redis.
 */
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { PROJECT_ROOT } from '../../src/projectRoot.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ADELE, ALEX, message } from '../support/activities.js';
import { BotProcess, freePort } from '../support/botProcess.js';
import { ConnectorRecorder } from '../support/connector.js';
import { RedisServer } from '../support/redisServer.js';

describe('store: three bot processes on one Redis', function () {
  this.timeout(90_000);
  const redis = new RedisServer();
  const connector = new ConnectorRecorder();
  let sandbox: Sandbox;
  const bots: Array<{ process: BotProcess; url: string }> = [];

  async function startBot(): Promise<{ process: BotProcess; url: string }> {
    const port = await freePort();
    const bot = new BotProcess(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', 'src/index.ts'], PROJECT_ROOT, {
      PORT: String(port), HOST: '127.0.0.1', PLAYGROUND: 'off', ALLOW_LOCAL_MODE_WITH_LIVE_API: 'true',
      TICKETING_BASE_URL: sandbox.baseUrl, TICKETING_API_KEY: sandbox.primaryKey, REDIS_URL: redis.url, TICKETING_REPLICAS: '3',
      // The poller off, as in the harness: the API counts below are people's own.
      NOTIFY_BUDGET_PERCENT: '0',
    });
    await bot.line(/Bot listening on/, 60_000);
    return { process: bot, url: `http://127.0.0.1:${port}` };
  }

  before(async () => {
    await redis.start();
    sandbox = await startSandbox({ port: 0, fieldsRequired: false });
    await connector.start();
    for (const p of [ADELE, ALEX]) {
      const member = { id: p.id, name: p.name, aadObjectId: p.aadObjectId, email: p.email, userPrincipalName: p.email };
      connector.members.set(p.id, member);
      connector.members.set(p.aadObjectId, member);
    }
    // One after the other, as a scale-out adds them: each finds in Redis what the first read while warming up.
    for (let i = 0; i < 3; i++) bots.push(await startBot());
  });
  after(async () => {
    for (const bot of bots) bot.process.kill();
    await connector.stop();
    await sandbox?.close();
    await redis.stop();
  });

  const post = async (to: { url: string }, activity: unknown) =>
    (await fetch(`${to.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) })).status;
  const created = () => sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/tickets').length;

  it('writes once for one activity delivered to two processes at once', async () => {
    const create = message(ADELE, 'create Meeting room screen stays blue', { serviceUrl: connector.url });
    assert.deepEqual(await Promise.all([post(bots[0]!, create), post(bots[1]!, create)]), [200, 200]);
    assert.equal(created(), 1, 'one ticket');
    assert.equal(await post(bots[2]!, create), 200);
    assert.equal(created(), 1, 'a later redelivery to the third process writes nothing either');
  });

  it('reads the instance once for the three, and answers everyone within the limit: 0 × 429', async () => {
    assert.equal(sandbox.requests.filter((r) => r.path === '/instance').length, 1, 'one process read it; the others found it in Redis');
    connector.clear();
    const tickets = sandbox.store.allTickets().slice(0, 120);
    const statuses = await Promise.all(tickets.map((ticket, i) =>
      post(bots[i % 3]!, message(i % 2 ? ADELE : ALEX, `show ${ticket.ticketId}`, { serviceUrl: connector.url }))));
    assert.ok(statuses.every((s) => s === 200));
    assert.equal(connector.messages().length, 120, 'every person got an answer (a ticket, or "busy, try again in ... s")');
    assert.equal(sandbox.requests.filter((r) => r.status === 429).length, 0, 'the API never answered 429');
    assert.ok(sandbox.requests.length <= 100, `${sandbox.requests.length} requests, within one window`);
    assert.ok(sandbox.requests.length >= 90, `and the budget was used, not refused early (${sandbox.requests.length})`);
  });

  it('keeps the conversations it heard from when every process stops', async () => {
    for (const bot of bots.splice(0)) {
      bot.process.kill();
      await bot.process.exited;
    }
    const reader = new Redis(redis.url);
    try {
      const stored = await reader.get(`tickets:storage:conversation/a:personal-${ADELE.aadObjectId}`);
      assert.ok(stored, 'the conversation is in Redis');
      assert.equal((JSON.parse(stored) as { reference: { serviceUrl: string } }).reference.serviceUrl, connector.url);
    } finally {
      reader.disconnect();
    }
    bots.push(await startBot());
    assert.equal(await post(bots[0]!, message(ADELE, 'help', { serviceUrl: connector.url })), 200, 'a new process starts on the same Redis and answers');
  });
});
