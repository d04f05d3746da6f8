import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cpus: number;
  memoryGiB: number;
  node: string;
  platform: string;
  date: string;
}

export function describeMachine(): MachineInfo {
  let model = os.cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) model = line.split(':')[1]!.trim();
  } catch {
    // Not Linux: os.cpus() said it.
  }
  return {
    cpuModel: model,
    cpus: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
  };
}

interface CpuTimes {
  busy: number;
  steal: number;
  total: number;
}

/** Machine-wide CPU time from /proc/stat, in ms (undefined off Linux). */
function machineCpu(): CpuTimes | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n').find((l) => l.startsWith('cpu '));
    if (!line) return undefined;
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = f;
    const tick = 10; // USER_HZ is 100 on Linux: 10 ms a tick.
    return { busy: (user + nice + system + irq + softirq) * tick, steal: steal * tick, total: (user + nice + system + idle + iowait + irq + softirq + steal) * tick };
  } catch {
    return undefined;
  }
}

export interface LoadReading {
  /** 1-minute load average at the end. */
  loadAvg1: number;
  /** Cores' worth of CPU the whole machine used during the window. */
  machineCores: number;
  /** Cores' worth used by processes other than the bench's own (machine minus bench). */
  otherCores: number;
  /** Cores' worth stolen by the hypervisor. */
  stealCores: number;
  seconds: number;
}

/**
 * How busy the machine was during a window, and how much of that was not us: the bench's own CPU
 * (this process and the bot's) is subtracted from the machine's.
 */
export class LoadMeter {
  private readonly startedAt = Date.now();
  private readonly startCpu = machineCpu();

  read(ownCpuMs: number): LoadReading {
    const seconds = (Date.now() - this.startedAt) / 1000;
    const end = machineCpu();
    const loadAvg1 = os.loadavg()[0] ?? NaN;
    if (!end || !this.startCpu || seconds <= 0) return { loadAvg1, machineCores: NaN, otherCores: NaN, stealCores: NaN, seconds };
    const busyMs = end.busy - this.startCpu.busy;
    const ms = seconds * 1000;
    return {
      loadAvg1,
      machineCores: busyMs / ms,
      otherCores: Math.max(0, (busyMs - ownCpuMs) / ms),
      stealCores: (end.steal - this.startCpu.steal) / ms,
      seconds,
    };
  }
}

/** This process's CPU time so far, in ms. */
export function ownCpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/** The commit and whether src/ has changes not committed: what was measured. */
export function sourceState(): string {
  const git = (...a: string[]) => {
    try {
      return execFileSync('git', a, { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trimEnd();
    } catch {
      return '';
    }
  };
  const head = git('log', '-1', '--format=%h %s');
  if (!head) return 'not a git checkout';
  const dirty = git('status', '--porcelain', '--', 'src', 'cards', 'package.json');
  return `${head}${dirty ? ` + uncommitted changes in ${dirty.split('\n').map((l) => l.slice(3)).join(', ')}` : ''}`;
}
