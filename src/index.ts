import { reportApi } from './apiProbe.js';
import { startApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { ConfigError } from './settings.js';
import { readDotEnv } from './dotEnv.js';
import { errorFields } from './errorKind.js';
import { createLogger } from './log.js';
import { DEFAULT_PLAYGROUND_PORT, startPlayground, type Playground } from './playground.js';
import { startSandbox, type Sandbox } from './sandbox/index.js';
import { azureCredential } from './secrets/azureCredential.js';
import { KeyVaultKeys } from './secrets/keyVaultKeys.js';

/** Until the configuration says which format, start-up lines are plain. */
let logError = (line: string): void => console.error(line);

async function main(): Promise<void> {
  let config: Config;
  let dotEnv: boolean;
  try {
    dotEnv = readDotEnv();
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ format: config.logFormat, level: config.logLevel });
  // A promise that fails with nobody to hear it is our bug, whatever input led there: it is logged
  // (its kind, never its message or stack) and every other turn goes on, where Node would stop them all.
  process.on('unhandledRejection', (reason) => logger.error(errorFields(reason), 'unhandled rejection: a bug; the bot keeps serving'));
  const log = (line: string): void => logger.info(line);
  logError = (line) => logger.error(line);
  if (dotEnv) log('Settings read from .env (the environment wins where both set one)');

  // Production keys may live in Key Vault, read with the app's managed identity and kept fresh.
  let keys: KeyVaultKeys | undefined;
  if (config.ticketing.keyVault) {
    const { url, apiKeySecret, readOnlyKeySecret, refreshMs } = config.ticketing.keyVault;
    keys = await KeyVaultKeys.load({ vaultUrl: url, apiKeySecret, readOnlyKeySecret, refreshMs, credential: azureCredential(config.bot), log: logger.child({ component: 'keyVault' }) });
    log(`API keys read from Key Vault ${url}; read again every ${refreshMs / 1000} s and after a 401`);
  }

  if (!config.bot && config.ticketing.baseUrl !== undefined) {
    logger.warn('WARNING: local mode against a real helpdesk (ALLOW_LOCAL_MODE_WITH_LIVE_API=true): anyone who reaches this port acts as whoever they claim to be.');
  }
  let sandbox: Sandbox | undefined;
  let ticketing = config.ticketing;
  if (ticketing.baseUrl === undefined) {
    sandbox = await startSandbox({ port: 0, recordRequests: false, dialect: ticketing.dialect });
    ticketing = { ...ticketing, baseUrl: sandbox.baseUrl, apiKey: sandbox.primaryKey, readOnlyKey: undefined };
    log(`No TICKETING_BASE_URL set: using the embedded sandbox API at ${sandbox.baseUrl} (invented tickets)`);
  }
  const app = await startApp({ ...config, ticketing: { ...ticketing, baseUrl: ticketing.baseUrl!, ...(keys ? { keys } : {}) } }, logger);
  log(`Bot listening on http://localhost:${config.port}/api/messages${config.bot ? '' : ' (local mode: no Bot Framework auth)'}`);
  if (!sandbox) void reportApi(app.client, ticketing.baseUrl!, logger);

  let stopping = false;
  // The Playground, once started (undefined when it is off or could not start).
  let playground: Promise<Playground | undefined> = Promise.resolve(undefined);
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing turns in flight, then stopping`);
    await (await playground)?.stop();
    await app.close(config.stopGraceMs);
    keys?.close();
    await sandbox?.close();
    log('Stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  // Local mode: the Microsoft 365 Agents Playground, a Teams-like web client pointed at the bot.
  if (!config.bot && config.playground) {
    playground = startPlayground({
      botEndpoint: `http://127.0.0.1:${config.port}/api/messages`,
      port: DEFAULT_PLAYGROUND_PORT,
      onUnexpectedExit: (why) => {
        if (!stopping) logger.warn(`Agents Playground stopped: ${why}. The bot keeps running.`);
      },
    }).then(
      (started) => {
        if (!stopping) log(`Open ${started.url} to chat with the bot as Adele Vance (Microsoft 365 Agents Playground; PLAYGROUND=off to skip it)`);
        return started;
      },
      (error: unknown) => {
        logger.warn(`Agents Playground not started: ${error instanceof Error ? error.message : String(error)}. The bot keeps running.`);
        return undefined;
      },
    );
    await playground;
  }
}

main().catch((error: unknown) => {
  logError(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
