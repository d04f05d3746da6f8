import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BotSpec, BotStats, FromChild, ToChild } from './botProcess.js';

const CHILD = fileURLToPath(new URL('./botProcess.ts', import.meta.url));

/** A bot running in a child process (bench/botProcess.ts), and its IPC. */
export class BotHandle {
  url = '';
  private child?: ChildProcess;
  private seq = 0;
  private readonly waiting = new Map<number, (message: FromChild) => void>();

  constructor(readonly spec: BotSpec) {}

  async start(): Promise<this> {
    // --no-deprecation: restify's process.binding warning, once per child, says nothing about the bench.
    const child = fork(CHILD, [], {
      execArgv: ['--import', 'tsx', '--expose-gc', '--no-deprecation'],
      env: { ...process.env, BENCH_BOT: JSON.stringify(this.spec), NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child = child;
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the ${this.spec.kind} bot did not start within 60 s`)), 60_000);
      child.once('exit', (code) => reject(new Error(`the ${this.spec.kind} bot exited with ${code} while starting`)));
      child.on('message', (message: FromChild) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolve(message.url);
        } else this.waiting.get(message.seq)?.(message);
      });
    });
    return this;
  }

  private ask(cmd: ToChild['cmd']): Promise<FromChild> {
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the bot did not answer ${cmd} within 30 s`)), 30_000);
      this.waiting.set(seq, (message) => {
        clearTimeout(timer);
        this.waiting.delete(seq);
        resolve(message);
      });
      this.child!.send({ cmd, seq } satisfies ToChild);
    });
  }

  async stats(): Promise<BotStats> {
    const m = await this.ask('stats');
    if (m.type !== 'stats') throw new Error('unexpected answer to stats');
    return m.stats;
  }

  /** Forces full garbage collections in the child (it runs with --expose-gc), then its stats. */
  async gc(): Promise<BotStats> {
    const m = await this.ask('gc');
    if (m.type !== 'stats') throw new Error('unexpected answer to gc');
    return m.stats;
  }

  /** Stops the bot (killed if it does not exit within 10 s). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await this.ask('stop');
    } catch {
      // Stopped or stuck: kill it below.
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** CPU time used between two stats, in ms. */
export function cpuMs(before: BotStats, after: BotStats): number {
  return (after.cpuUser - before.cpuUser + after.cpuSystem - before.cpuSystem) / 1000;
}
