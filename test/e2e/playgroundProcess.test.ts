/**
 * src/playground.ts: the Agents Playground as a child process. It starts and answers, refuses a
 * taken port, says why it could not start, and leaves no process behind.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlaygroundError, startPlayground } from '../../src/playground.js';
import { alive, running } from './support/processes.js';

/** A bot endpoint no other process names, so `ps` can tell whether its Playground is still there. */
const endpoint = (tag: string) => `http://127.0.0.1:9/e2e-${process.pid}-${tag}/api/messages`;

/** Holds a port, as another program would. */
async function holdPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  return { port: address.port, server };
}

describe('e2e: src/playground.ts starts and stops the Agents Playground', function () {
  this.timeout(60_000);
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tickets-playground-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts on a free port with the project\'s config, serves its page and API, and stops with nothing left', async () => {
    const playground = await startPlayground({ botEndpoint: endpoint('a'), port: 0, logFile: join(dir, 'a.log') });
    try {
      assert.match(playground.url, /^http:\/\/localhost:\d+$/);
      const page = await fetch(playground.url);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Microsoft 365 Agents Playground/);
      const ping = await fetch(`${playground.url}/_debug/ping`);
      assert.equal(ping.status, 200);
      assert.ok(alive(playground.pid));
    } finally {
      await playground.stop();
    }
    assert.equal(alive(playground.pid), false, 'the Playground is gone');
    await assert.rejects(fetch(playground.url), 'nothing listens any more');
    assert.deepEqual(running(endpoint('a')), []);
    await playground.stop(); // twice is harmless
  });

  it('refuses a port that is taken (the CLI would move elsewhere), leaving nothing running', async () => {
    const held = await holdPort();
    try {
      await assert.rejects(
        startPlayground({ botEndpoint: endpoint('b'), port: held.port, logFile: join(dir, 'b.log') }),
        (error: unknown) => error instanceof PlaygroundError && error.message === `port ${held.port} is in use (another Playground still running?)`,
      );
    } finally {
      held.server.close();
    }
    assert.deepEqual(running(endpoint('b')), []);
  });

  it('says why when it cannot start (a bad config file), leaving nothing running', async () => {
    const config = join(dir, 'bad.yml');
    await writeFile(config, 'version: "0.1.1"\ntenantId: t\n');
    await assert.rejects(
      startPlayground({ botEndpoint: endpoint('c'), port: 0, configPath: config, logFile: join(dir, 'c.log') }),
      (error: unknown) => error instanceof PlaygroundError && /exited on start.*ConfigFileParseError.*must have required property/.test(error.message),
    );
    assert.deepEqual(running(endpoint('c')), []);
  });
});
