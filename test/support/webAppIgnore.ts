import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/projectRoot.js';

/** The patterns of .webappignore: top-level names, `*` for any text. */
export function webAppIgnorePatterns(): string[] {
  return readFileSync(join(PROJECT_ROOT, '.webappignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

/** Whether `atk deploy` leaves the top-level entry `name` out of the zip. */
export function ignoredByWebApp(name: string, patterns = webAppIgnorePatterns()): boolean {
  return patterns.some((p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(name));
}
