/**
 * What `npm start` does in local mode (src/index.ts run as a process, as `npm start` runs it):
 * the embedded sandbox, the bot, and the Agents Playground pointed at the bot, one URL to open;
 * SIGINT and SIGTERM stop all of it; PLAYGROUND=off; a taken Playground port.
 *
 * The Playground's port is fixed (56150, what people bookmark): the tests that need it skip when
 * something else (a running `npm start`) holds it.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { PROJECT_ROOT } from '../../src/projectRoot.js';
import { DEFAULT_PLAYGROUND_PORT } from '../../src/playground.js';
import { alive, running } from './support/processes.js';

const PLAYGROUND_URL = `http://localhost:${DEFAULT_PLAYGROUND_PORT}`;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Listens on `port` (all interfaces, as the Playground would); undefined when it is taken. */
async function hold(port: number): Promise<Server | undefined> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(undefined));
    server.listen(port, () => resolve(server));
  });
}

class Started {
  readonly lines: string[] = [];
  readonly exited: Promise<number | null>;
  private waiters: Array<() => void> = [];

  constructor(readonly child: ChildProcess, readonly port: number) {
    let buffer = '';
    const take = (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      this.lines.push(...parts);
      this.waiters.forEach((w) => w());
    };
    child.stdout!.setEncoding('utf8').on('data', take);
    child.stderr!.setEncoding('utf8').on('data', take);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** The endpoint its Playground is pointed at: names that Playground's process in `ps`. */
  get endpoint(): string {
    return `--app-endpoint http://127.0.0.1:${this.port}/api/messages`;
  }

  async line(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.find((l) => pattern.test(l));
      if (found) return found;
      if (Date.now() > deadline || this.child.exitCode !== null) {
        throw new Error(`no line matching ${pattern} in:\n${this.lines.join('\n')}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 250);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.waiters = [];
    }
  }

  /** Whatever happens in a test, nothing of it outlives the test. */
  kill(): void {
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch {
      // Gone already.
    }
    for (const line of running(this.endpoint)) process.kill(Number(line.trim().split(' ')[0]), 'SIGKILL');
  }
}

async function start(env: Record<string, string | undefined> = {}): Promise<Started> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', 'src/index.ts'], {
    cwd: PROJECT_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // Local mode, with the embedded sandbox.
      MicrosoftAppId: undefined,
      MicrosoftAppPassword: undefined,
      TICKETING_BASE_URL: undefined,
      TICKETING_REGION: undefined,
      PLAYGROUND: undefined,
      PORT: String(port),
      ...env,
    },
  });
  return new Started(child, port);
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
      assert.ok(started.lines.some((l) => /using the embedded sandbox API/.test(l)));
      assert.ok(started.lines.some((l) => l.includes(`Bot listening on http://localhost:${started!.port}/api/messages`)));
      assert.equal((await fetch(`http://127.0.0.1:${started.port}/healthz`)).status, 200);
      const page = await fetch(PLAYGROUND_URL);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Microsoft 365 Agents Playground/);
      const [playgroundProcess] = running(started.endpoint);
      assert.ok(playgroundProcess, 'the Playground runs, pointed at the bot');
      const playgroundPid = Number(playgroundProcess.trim().split(' ')[0]);

      process.kill(started.child.pid!, signal);
      assert.equal(await started.exited, 0);
      assert.ok(started.lines.some((l) => l.includes(`${signal}: finishing turns in flight, then stopping`)));
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
    assert.ok(!started.lines.some((l) => /Playground/.test(l)), started.lines.join('\n'));
  });

  it('PLAYGROUND=maybe: one line naming the variable, and no start', async () => {
    started = await start({ PLAYGROUND: 'maybe' });
    assert.equal(await started.exited, 1);
    assert.deepEqual(started.lines.filter((l) => l.trim() !== ''), ['Configuration error: PLAYGROUND must be one of on, off (got "maybe")']);
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
