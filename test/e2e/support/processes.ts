import { execFileSync } from 'node:child_process';

/** Whether a process with this id is still running (signal 0 tests for it without touching it). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The `ps` lines ("pid args") of every process whose command line holds `text`. */
export function running(text: string): string[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n').filter((l) => l.includes(text));
}
