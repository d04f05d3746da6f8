/**
 * The bot as a process of its own, started the way a person or App Service starts it, with its
 * output kept line by line. Nothing of it outlives a test: kill() ends its whole process group.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Bot Framework credentials that start-up accepts (nothing here reaches Azure AD). ALLOWED_TENANTS
 * goes with them: the tenants allow-list requires it with a MultiTenant app.
 */
export const TEAMS_CREDENTIALS = {
  MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
  MicrosoftAppPassword: 'not-a-real-secret',
  ALLOWED_TENANTS: '*',
} as const;

/** The settings a developer's shell or `.env` might hold, cleared so each test says what it runs with. */
const CLEARED = [
  'MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId', 'TICKETING_BASE_URL', 'TICKETING_REGION',
  'TICKETING_API_KEY', 'TICKETING_READONLY_KEY', 'TICKETING_SANDBOX', 'TICKETING_KEY_VAULT_URL', 'LOG_FORMAT', 'PLAYGROUND', 'PORT',
  'ALLOWED_TENANTS', 'HOST',
  // Azure identities DefaultAzureCredential would find.
  'AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_CLIENT_SECRET', 'IDENTITY_ENDPOINT', 'IDENTITY_HEADER', 'MSI_ENDPOINT',
];

export class BotProcess {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<number | null>;
  readonly child: ChildProcess;
  #waiters: Array<() => void> = [];

  /** Runs `command args` in `cwd` with the current environment minus the bot's settings, plus `env`. */
  constructor(command: string, args: string[], cwd: string, env: Record<string, string>) {
    const base = { ...process.env };
    for (const name of CLEARED) delete base[name];
    this.child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...base, ...env } });
    const collect = (into: string[]) => {
      let buffer = '';
      return (chunk: string) => {
        buffer += chunk;
        const parts = buffer.split('\n');
        buffer = parts.pop()!;
        into.push(...parts.filter((l) => l.trim() !== ''));
        this.#waiters.forEach((w) => w());
      };
    };
    this.child.stdout!.setEncoding('utf8').on('data', collect(this.stdout));
    this.child.stderr!.setEncoding('utf8').on('data', collect(this.stderr));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => {
      this.#waiters.forEach((w) => w());
      resolve(code);
    }));
  }

  /** The first stdout line matching `pattern`, waiting for it up to `timeoutMs`. */
  async line(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.stdout.find((l) => pattern.test(l));
      if (found) return found;
      if (Date.now() > deadline || this.child.exitCode !== null) {
        throw new Error(`no line matching ${pattern} in:\n${[...this.stdout, ...this.stderr].join('\n')}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 250);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.#waiters = [];
    }
  }

  kill(): void {
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
}
