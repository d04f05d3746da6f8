/**
 * Microsoft 365 Agents Playground (the `@microsoft/m365agentsplayground` devDependency) as a child
 * process: a Teams-like web client for the bot in local mode, with the people, team and channel of
 * `.m365agentsplayground.yml`. `npm start` runs it next to the bot; the e2e suite drives it.
 *
 * It works offline and sends nothing anywhere: telemetry is off (`--disable-telemetry`, and the
 * Application Insights SDK it starts regardless is switched off through its own environment), it
 * opens no browser, and its log goes to a file instead of `./devTools/`. The page it serves loads
 * Segoe UI fonts from a CDN; offline the browser falls back to local fonts.
 */
import pTimeout from 'p-timeout';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from './projectRoot.js';

/** The Playground's own default port: the URL people bookmark. */
export const DEFAULT_PLAYGROUND_PORT = 56150;

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. `http://127.0.0.1:3978/api/messages`. */
  botEndpoint: string;
  /**
   * The port to serve on (default 56150). The Playground itself moves to a random port when this
   * one is taken; we refuse instead, so the URL printed is the one asked for. 0 = any free port.
   */
  port?: number;
  /** Users, chats and team (default: `.m365agentsplayground.yml` at the project root). */
  configPath?: string;
  /** Where the Playground writes its log (default: `m365agentsplayground-<port>.log` in the OS temp dir). */
  logFile?: string;
  /** How long it may take to listen (default 30 s). */
  startTimeoutMs?: number;
  /** Called once if it exits after it started, without being stopped, with why in one line. */
  onUnexpectedExit?: (why: string) => void;
}

export interface Playground {
  /** What to open in a browser, e.g. `http://localhost:56150`. */
  url: string;
  port: number;
  /** The child's pid, also its process group id. */
  pid: number;
  logFile: string;
  /** Stops the Playground and every process it started; resolves once it has exited. */
  stop(): Promise<void>;
}

/** The Playground could not be started; the message says why, in one line. */
export class PlaygroundError extends Error {
  override name = 'PlaygroundError';
}

const STOP_GRACE_MS = 3000;

function cliPath(): string {
  try {
    return createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  } catch {
    throw new PlaygroundError('@microsoft/m365agentsplayground is not installed (it is a devDependency: run npm install)');
  }
}

/** Signals the child's whole process group; false once there is nothing left to signal. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    // No process groups (Windows), or the group is gone: the child itself, if still there.
    return child.exitCode === null && child.signalCode === null && child.kill(signal);
  }
}

/** The last meaningful line of the Playground's log (it writes its errors there, not to a pipe). */
function lastLogLine(logFile: string): string | undefined {
  try {
    const lines = readFileSync(logFile, 'utf8').split('\n')
      .map((l) => l.replace(/\u001b\[[0-9;]*m/g, '').replace(/^(log|error|warn|info|debug) /, '').trim())
      .filter((l) => l !== '' && !l.startsWith('Go to the link'));
    return lines.at(-1);
  } catch {
    return undefined;
  }
}

/** Resolves once the Playground's own API answers (GET /_debug/ping → 200), retrying briefly. */
async function ready(port: number, signal: AbortSignal): Promise<void> {
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/_debug/ping`, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // Not answering yet.
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 500)));
  }
}

/**
 * Starts the Playground pointed at the bot and resolves once it listens. Throws PlaygroundError
 * (nothing left running) when it is not installed, the port is taken, or it exits or hangs on start.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const port = options.port ?? DEFAULT_PLAYGROUND_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PlaygroundError(`port must be 0..65535 (got ${port})`);
  const cli = cliPath();
  const logFile = options.logFile ?? join(tmpdir(), `m365agentsplayground-${port}.log`);
  const configPath = options.configPath ?? join(PROJECT_ROOT, '.m365agentsplayground.yml');

  const child = spawn(process.execPath, [
    cli,
    '--app-endpoint', options.botEndpoint,
    '--channel-id', 'msteams',
    '--port', String(port),
    '--disable-telemetry',
  ], {
    cwd: PROJECT_ROOT,
    // Its own process group, so stopping it stops anything it started, and a terminal's Ctrl-C
    // reaches us first and we stop it in order.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
      M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      // Never open a browser: we print the URL.
      TEAMSAPPTESTER_BROWSER: 'none',
      // --disable-telemetry only stops its events (and not all: one on a bad config file is
      // tracked before the flag is read). The Application Insights SDK it starts regardless would
      // phone home with statsbeat (Azure's metadata address, then DNS): switch the SDK off.
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      APPLICATIONINSIGHTS_CONFIGURATION_CONTENT: JSON.stringify({ disableAppInsights: true, disableStatsbeat: true }),
      // Port and endpoint come from the flags, not from a stray environment.
      TEAMSAPPTESTER_PORT: undefined,
      BOT_ENDPOINT: undefined,
      M365_AGENTS_PLAYGROUND_SERVICE_URL: undefined,
      SEND_INSTALLATION_ACTIVITY: undefined,
    },
  });

  let exited = child.exitCode !== null;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
    child.once('error', () => {
      exited = true;
      resolve();
    });
  });
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (!signalGroup(child, 'SIGTERM')) return;
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), STOP_GRACE_MS);
      await exit;
      clearTimeout(timer);
      // The CLI's own children, if any, share its group: make sure none outlives it.
      signalGroup(child, 'SIGKILL');
    })();
    return stopping;
  };
  // If our process ends without stopping it (an uncaught error, process.exit), take it along.
  const onExit = () => {
    if (!exited) signalGroup(child, 'SIGKILL');
  };
  process.once('exit', onExit);

  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  // Once started, its output is only kept from blocking the pipe: its log file has it all.
  const listening = new Promise<number>((resolve, reject) => {
    let stdout = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout = (stdout + chunk).slice(-2000);
      const match = stdout.match(/Listening on (\d+)/);
      if (match) resolve(Number(match[1]));
    });
    child.once('error', (error) => reject(new PlaygroundError(`could not run it: ${error.message}`)));
    child.once('exit', (code, signal) => {
      const why = lastLogLine(logFile) ?? stderr.trim().split('\n').at(-1) ?? '';
      reject(new PlaygroundError(`it exited on start (${signal ?? `code ${code}`})${why ? `: ${why}` : ''}; its log is ${logFile}`));
    });
  });
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const exitedOnStart = listening.then(() => exit).then(() => {
    throw new PlaygroundError(`it exited on start${lastLogLine(logFile) ? `: ${lastLogLine(logFile)}` : ''}; its log is ${logFile}`);
  });
  exitedOnStart.catch(() => undefined); // Only raced while starting; a later exit is onUnexpectedExit's.
  const probing = new AbortController();
  const started = async (): Promise<number> => {
    const actual = await listening;
    if (port !== 0 && actual !== port) throw new PlaygroundError(`port ${port} is in use (another Playground still running?)`);
    // It prints "Listening" before it reads its config file and mounts the connector API; a bad
    // config file ends it a moment later. Its ping route answers only once that went well.
    await Promise.race([ready(actual, probing.signal), exitedOnStart]);
    return actual;
  };
  let actualPort: number;
  try {
    actualPort = await pTimeout(started(), {
      milliseconds: timeoutMs,
      message: new PlaygroundError(`it did not start listening within ${timeoutMs / 1000} s; its log is ${logFile}`),
    });
  } catch (error) {
    await stop();
    process.off('exit', onExit);
    throw error instanceof PlaygroundError ? error : new PlaygroundError(String(error));
  } finally {
    probing.abort();
  }

  child.once('exit', (code, signal) => {
    if (stopping) return;
    process.off('exit', onExit);
    const why = lastLogLine(logFile);
    options.onUnexpectedExit?.(`it exited (${signal ?? `code ${code}`})${why ? `: ${why}` : ''}; its log is ${logFile}`);
  });

  return {
    url: `http://localhost:${actualPort}`,
    port: actualPort,
    pid: child.pid!,
    logFile,
    stop: async () => {
      await stop();
      process.off('exit', onExit);
    },
  };
}
