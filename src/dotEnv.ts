import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './settings.js';
import { PROJECT_ROOT } from './projectRoot.js';

/**
 * Reads `.env` at the project root, if there is one, into the environment (Node's own parser); a
 * variable the environment already has is kept. For local use: the deployment carries no `.env`,
 * App Service passes its settings in the environment.
 */
export function readDotEnv(path = join(PROJECT_ROOT, '.env')): boolean {
  if (!existsSync(path)) return false;
  try {
    process.loadEnvFile(path);
  } catch (error) {
    throw new ConfigError(`.env could not be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  return true;
}
