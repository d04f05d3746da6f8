import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { startApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { readDotEnv } from '../src/dotEnv.js';
import { createLogger } from '../src/log.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';

describe('operations', () => {
  describe('GET /readyz', () => {
    let sandbox: Sandbox;
    let app: App | undefined;
    before(async () => {
      sandbox = await startSandbox({ port: 0 });
    });
    after(() => sandbox.close());
    afterEach(() => app?.close());

    async function startWith(apiKey: string): Promise<App> {
      const config = loadConfig({});
      app = await startApp({ ...config, port: 0, ticketing: { ...config.ticketing, baseUrl: sandbox.baseUrl, apiKey } }, createLogger({ format: 'json', level: 'silent' }), '127.0.0.1');
      return app;
    }

    it('answers 503, naming the part, while the API refuses the key; /healthz stays 200', async () => {
      const { server } = await startWith('not-the-key');
      const response = await fetch(`${server.url}/readyz`);
      assert.equal(response.status, 503);
      assert.deepEqual(await response.json(), { status: 'not ready', checks: { configuration: 'ok', ticketingApi: 'http 401' } });
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    });

    it('keeps answering 503 while the API refuses the key, asking it once for any number of probes', async () => {
      sandbox.requests.length = 0;
      const { server } = await startWith('not-the-key');
      // The start-up reads of the instance and tags are refused too; then only probes ask.
      const seen = (path: string) => sandbox.requests.some((r) => r.path === path);
      while (!seen('/instance') || !seen('/tags')) await new Promise((resolve) => setTimeout(resolve, 10));
      sandbox.requests.length = 0;
      const probes = [...await Promise.all(Array.from({ length: 10 }, () => fetch(`${server.url}/readyz`)))];
      for (let i = 0; i < 3; i++) probes.push(await fetch(`${server.url}/readyz`));
      for (const probe of probes) assert.deepEqual([probe.status, ((await probe.json()) as { checks: Record<string, string> }).checks.ticketingApi], [503, 'http 401']);
      assert.deepEqual(sandbox.requests.map((r) => r.path), ['/instance'], 'one API request for 13 probes');
    });

    it('answers 200 from what the API answered lately, without asking it again', async () => {
      const { server } = await startWith(sandbox.primaryKey);
      assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
      sandbox.requests.length = 0;
      for (let i = 0; i < 3; i++) assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
      assert.equal(sandbox.requests.length, 0, 'probes are answered from the instance read minutes ago');
    });
  });

  describe('.env', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dotenv-'));
    const names = ['DOTENV_TEST_FROM_FILE', 'DOTENV_TEST_BOTH'];
    after(() => {
      rmSync(dir, { recursive: true, force: true });
      for (const name of names) delete process.env[name];
    });

    it('is read when present, and the environment wins over it', () => {
      const file = join(dir, '.env');
      writeFileSync(file, '# a comment\nDOTENV_TEST_FROM_FILE=from the file\nDOTENV_TEST_BOTH=file\n');
      process.env.DOTENV_TEST_BOTH = 'environment';
      assert.equal(readDotEnv(file), true);
      assert.equal(process.env.DOTENV_TEST_FROM_FILE, 'from the file');
      assert.equal(process.env.DOTENV_TEST_BOTH, 'environment');
      assert.equal(readDotEnv(join(dir, 'none')), false);
    });
  });

  describe('logs', () => {
    it('json: one object a line with level, time and message only', () => {
      const out = new PassThrough();
      const logger = createLogger({ format: 'json', destination: out });
      logger.info('Bot listening');
      logger.error('Could not start: x');
      const lines = String(out.read()).trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(lines.length, 2);
      assert.deepEqual(lines.map((l) => [l.level, l.msg]), [['info', 'Bot listening'], ['error', 'Could not start: x']]);
      assert.deepEqual(Object.keys(lines[0]).sort(), ['level', 'msg', 'time']);
    });

    // pino-pretty's line since issue 18 (the level is now said too).
    it('text: the time, the level, then the line', () => {
      const out = new PassThrough();
      createLogger({ format: 'text', destination: out }).info('Bot listening');
      assert.match(String(out.read()), /^\[\d{4}-\d\d-\d\dT[\d:.]+[^\]]*\] INFO: Bot listening\n$/);
    });
  });
});
