/**
 * What `npm start` does in local mode (src/index.ts run as a process, as `npm start` runs it):
 * the embedded sandbox, the bot, and the Agents Playground pointed at the bot, one URL to open;
 * SIGINT and SIGTERM stop all of it; PLAYGROUND=off; a taken Playground port.
 *
 * The Playground's port is fixed (56150, what people bookmark): the tests that need it skip when
 * something else (a running `npm start`) holds it.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { PROJECT_ROOT } from '../../src/projectRoot.js';
import { DEFAULT_PLAYGROUND_PORT } from '../../src/playground.js';
import { BotProcess, freePort } from '../support/botProcess.js';
import { alive, running } from './support/processes.js';

const PLAYGROUND_URL = `http://localhost:${DEFAULT_PLAYGROUND_PORT}`;

/** Listens on `port` (all interfaces, as the Playground would); undefined when it is taken. */
async function hold(port: number): Promise<Server | undefined> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(undefined));
    server.listen(port, () => resolve(server));
  });
}

/** `npm start` as a process on `port`, in local mode; kill() also ends the Playground it started. */
class Started extends BotProcess {
  constructor(readonly port: number, env: Record<string, string>) {
    super(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', 'src/index.ts'], PROJECT_ROOT, { PORT: String(port), ...env });
  }

  /** The endpoint its Playground is pointed at: names that Playground's process in `ps`. */
  get endpoint(): string {
    return `--app-endpoint http://127.0.0.1:${this.port}/api/messages`;
  }

  /** Whatever happens in a test, nothing of it outlives the test. */
  override kill(): void {
    super.kill();
    for (const line of running(this.endpoint)) process.kill(Number(line.trim().split(' ')[0]), 'SIGKILL');
  }
}

async function start(env: Record<string, string> = {}): Promise<Started> {
  return new Started(await freePort(), env);
}

describe('e2e: npm start in local mode', function () {
  this.timeout(60_000);
  let started: Started | undefined;

  afterEach(() => {
    started?.kill();
    started = undefined;
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`starts the sandbox, the bot and the Playground, prints the one URL to open; ${signal} stops all of it`, async function () {
      const free = await hold(DEFAULT_PLAYGROUND_PORT);
      if (!free) this.skip(); // a Playground (npm start?) is running here
      await new Promise((resolve) => free!.close(resolve));

      started = await start();
      const open = await started.line(/Open http|Agents Playground not started/);
      assert.match(open, new RegExp(`Open ${PLAYGROUND_URL} to chat with the bot as Adele Vance`));
      assert.ok(started.stdout.some((l) => /using the embedded sandbox API/.test(l)));
      assert.ok(started.stdout.some((l) => l.includes(`Bot listening on http://localhost:${started!.port}/api/messages`)));
      assert.equal((await fetch(`http://127.0.0.1:${started.port}/healthz`)).status, 200);
      const page = await fetch(PLAYGROUND_URL);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Microsoft 365 Agents Playground/);
      const [playgroundProcess] = running(started.endpoint);
      assert.ok(playgroundProcess, 'the Playground runs, pointed at the bot');
      const playgroundPid = Number(playgroundProcess.trim().split(' ')[0]);

      process.kill(started.child.pid!, signal);
      assert.equal(await started.exited, 0);
      assert.ok(started.stdout.some((l) => l.includes(`${signal}: finishing turns in flight, then stopping`)));
      assert.equal(alive(playgroundPid), false, 'the Playground stopped too');
      assert.deepEqual(running(started.endpoint), []);
      await assert.rejects(fetch(PLAYGROUND_URL), 'nothing listens on the Playground port');
      await assert.rejects(fetch(`http://127.0.0.1:${started.port}/healthz`), 'nor on the bot port');
    });
  }

  it('PLAYGROUND=off: the bot alone, no Playground', async () => {
    started = await start({ PLAYGROUND: 'off' });
    await started.line(/Bot listening on/);
    assert.equal((await fetch(`http://127.0.0.1:${started.port}/healthz`)).status, 200);
    assert.deepEqual(running(started.endpoint), []);
    process.kill(started.child.pid!, 'SIGTERM');
    assert.equal(await started.exited, 0);
    const said = [...started.stdout, ...started.stderr];
    assert.ok(!said.some((l) => /Playground/.test(l)), said.join('\n'));
  });

  it('PLAYGROUND=maybe: one line naming the variable, and no start', async () => {
    started = await start({ PLAYGROUND: 'maybe' });
    assert.equal(await started.exited, 1);
    assert.deepEqual(started.stderr, ['Configuration error: PLAYGROUND must be one of on, off (got "maybe")']);
    assert.deepEqual(started.stdout, []);
  });

  it('the Playground\'s port is taken: one line says why, and the bot keeps running', async () => {
    const held = await hold(DEFAULT_PLAYGROUND_PORT); // undefined: something else holds it already
    try {
      started = await start();
      const line = await started.line(/Open http|Agents Playground not started/);
      assert.match(line, new RegExp(`Agents Playground not started: port ${DEFAULT_PLAYGROUND_PORT} is in use \\(another Playground still running\\?\\)\\. The bot keeps running\\.$`));
      assert.equal((await fetch(`http://127.0.0.1:${started.port}/healthz`)).status, 200);
      assert.deepEqual(running(started.endpoint), []);
      process.kill(started.child.pid!, 'SIGINT');
      assert.equal(await started.exited, 0);
    } finally {
      held?.close();
    }
  });
});
