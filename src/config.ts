import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isUuid } from './ticketing/validate.js';

/**
 * Every setting, read from the environment once at start-up, typed and validated.
 * A bad value throws a ConfigError whose message is one line naming the variable and what it expects.
 */

export const REGION_BASE_URLS = {
  us: 'https://teamswork.azure-api.net/ticketing/v1',
  eu: 'https://ticketing-apim-eu.azure-api.net/ticketing/v1',
  aus: 'https://ticketing-apim-aus.azure-api.net/ticketing/v1',
} as const;
export type Region = keyof typeof REGION_BASE_URLS;

/**
 * The Bot Framework endpoints a deployment may set, under the names of the SDK's own options
 * (sovereign clouds, and tests that sign tokens offline). Unset: the public cloud's.
 */
export const AUTH_ENDPOINT_SETTINGS = [
  'ToBotFromChannelOpenIdMetadataUrl', 'ToBotFromEmulatorOpenIdMetadataUrl', 'ToBotFromChannelTokenIssuer',
  'ToChannelFromBotLoginUrl', 'ToChannelFromBotOAuthScope', 'OAuthUrl',
] as const;
export type AuthEndpoints = Partial<Record<(typeof AUTH_ENDPOINT_SETTINGS)[number], string>>;

export const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
export type AppType = (typeof APP_TYPES)[number];

export interface BotAuthConfig {
  appId: string;
  appPassword?: string;
  appType: AppType;
  tenantId?: string;
  /** Bot Framework endpoints set in the environment (sovereign clouds, offline tests); unset: the public cloud's. */
  endpoints: AuthEndpoints;
}

/** Where the API keys are kept when they are not in the environment. */
export interface KeyVaultConfig {
  /** e.g. `https://contoso-tickets-kv.vault.azure.net` */
  url: string;
  /** The secret holding the primary (read/write) key. */
  apiKeySecret: string;
  /** The secret holding the secondary (read-only) key, if one is kept. */
  readOnlyKeySecret?: string;
  /** How often the secrets are read again, in ms. */
  refreshMs: number;
}

export type LogFormat = 'json' | 'text';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  ticketing: {
    /** Unset: run and use the embedded sandbox (local mode, or TICKETING_SANDBOX=on). */
    baseUrl?: string;
    apiKey?: string;
    readOnlyKey?: string;
    /** Set: the keys come from Key Vault instead of apiKey and readOnlyKey. */
    keyVault?: KeyVaultConfig;
    timezoneDefault: number;
    rateLimit: { limit: number; windowMs: number };
    /** The forms writes are sent in: `live` (the running service, default) or `documented` (the vendor's page). */
    dialect: 'live' | 'documented';
  };
  /** Unset: local mode, no Bot Framework authentication (Agents Playground, tests). */
  bot?: BotAuthConfig;
  /** Microsoft 365 tenants whose people may use the bot (lower-case ids), or '*' for any. */
  allowedTenants: readonly string[] | '*';
  /** Where the bot keeps what must survive a restart (the replay guard's claims); unset: memory only. */
  stateDir?: string;
  /** The interface to listen on: loopback in local mode, every interface with credentials, unless HOST says. */
  host: string;
  /** Hosts whose ticket links unfurl into ticket cards (`*.` for any subdomain). */
  linkDomains: string[];
  /** In local mode, start the Microsoft 365 Agents Playground beside the bot (PLAYGROUND=off: not). */
  playground: boolean;
  /** JSON lines (App Service's log stream) or plain lines; JSON unless in local mode. */
  logFormat: LogFormat;
  /** The least severe records written (LOG_LEVEL); default `info`. */
  logLevel: LogLevel;
  /** On SIGTERM, how long turns in flight may take before the process stops, in ms. */
  stopGraceMs: number;
  /** Shared state for several replicas; unset: everything in this process's memory. */
  redis?: RedisConfig;
  reports: ReportsConfig;
  /** The notification poller: its share of the API budget and how often it looks for changes. */
  notify: NotifyConfig;
  /** Who may work tickets beyond their own (see HelpdeskRoles). */
  roles: HelpdeskRoles;
}

export interface ReportsConfig {
  /** How long a period's tickets are kept and shared between readers, in ms. */
  cacheTtlMs: number;
  /** The most tickets one reading (changed, or open) takes; a larger report is refused with a shorter period offered. */
  maxTickets: number;
  /** How long an export link works, in ms. */
  exportTtlMs: number;
  /** Signs export links; unset: a random one made at start (links then work on this process only). */
  exportSecret?: string;
  /** The bot's public base URL for export links; unset: the address the server listens on. */
  publicUrl?: string;
}

export interface NotifyConfig {
  /** The most of the API's rate limit the poller may take, in percent (NOTIFY_BUDGET_PERCENT, default 10; 0: no notifications). */
  budgetPercent: number;
  /** How often the poller looks for changed tickets, in ms (NOTIFY_POLL_S, default 15 s); the budget may space polls further. */
  pollMs: number;
}

/**
 * Agents (the instance's assignees, plus `agents`) work any ticket; everyone else is a requester,
 * who may create tickets and see, comment on, close and reopen their own. `enforced: false`
 * (HELPDESK_ROLES=off) makes everyone an agent.
 */
export interface HelpdeskRoles {
  enforced: boolean;
  /** Extra agents, as lower-case email addresses or Azure AD object ids (HELPDESK_AGENTS). */
  agents: readonly string[];
}

export interface RedisConfig {
  /** `redis://` or `rediss://` (TLS, as Azure Cache for Redis wants), with the password in it when there is one. */
  url: string;
  /** How many replicas share the API key: while Redis is away each takes this share of the budget. */
  replicas: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[]): T | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  const match = allowed.find((a) => a.toLowerCase() === raw.toLowerCase());
  if (!match) throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  return match;
}

function httpUrl(env: Env, name: string, example: string = REGION_BASE_URLS.us): string | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL such as ${example}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${name} must be an http(s) URL such as ${example}`);
  }
  if (url.search !== '' || url.username !== '' || url.password !== '') {
    // A key pasted into the URL would end up in logs; it belongs in TICKETING_API_KEY.
    throw new ConfigError(`${name} must not carry a query string or a user name and password; put the key in TICKETING_API_KEY`);
  }
  return raw.replace(/\/+$/, '');
}

function domains(env: Env, name: string, fallback: string[]): string[] {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const list = raw.split(',').map((d) => d.trim().toLowerCase()).filter((d) => d !== '');
  if (list.length === 0 || list.some((d) => !/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d))) {
    throw new ConfigError(`${name} must be comma-separated host names such as *.teamswork.app,tickets.contoso.com`);
  }
  return list;
}

/**
 * Required with credentials: a bot registered in Azure can be reached from any tenant whose
 * people install its app, and the API key would serve them all. A single-tenant app defaults to
 * its own tenant; local mode (Playground, tests) to any.
 */
function allowedTenants(env: Env, bot: BotAuthConfig | undefined): readonly string[] | '*' {
  const raw = read(env, 'ALLOWED_TENANTS');
  if (raw === undefined) {
    if (bot === undefined) return '*';
    if (bot.tenantId !== undefined && bot.appType !== 'MultiTenant') return [bot.tenantId.toLowerCase()];
    throw new ConfigError('ALLOWED_TENANTS is required when MicrosoftAppId is set: the tenant ids whose people may use the bot, comma-separated, or * for any');
  }
  if (raw === '*') return '*';
  const list = raw.split(',').map((t) => t.trim().toLowerCase()).filter((t) => t !== '');
  if (list.length === 0 || list.some((t) => !isUuid(t))) {
    throw new ConfigError('ALLOWED_TENANTS must be tenant ids (GUIDs), comma-separated, or *');
  }
  return list;
}

function authEndpoints(env: Env): AuthEndpoints {
  const endpoints: AuthEndpoints = {};
  for (const name of AUTH_ENDPOINT_SETTINGS) {
    const value = name.endsWith('Url') ? httpUrl(env, name, 'https://login.botframework.com/v1/.well-known/openidconfiguration') : read(env, name);
    if (value !== undefined) endpoints[name] = value;
  }
  return endpoints;
}

function botAuth(env: Env): BotAuthConfig | undefined {
  const appId = read(env, 'MicrosoftAppId');
  const appPassword = read(env, 'MicrosoftAppPassword');
  const appType = oneOf(env, 'MicrosoftAppType', APP_TYPES) ?? 'MultiTenant';
  const tenantId = read(env, 'MicrosoftAppTenantId');
  if (appId === undefined) {
    if (appPassword !== undefined) throw new ConfigError('MicrosoftAppPassword is set but MicrosoftAppId is not');
    return undefined;
  }
  if (appType !== 'UserAssignedMSI' && appPassword === undefined) {
    throw new ConfigError(`MicrosoftAppPassword is required when MicrosoftAppId is set and MicrosoftAppType is ${appType}`);
  }
  if (appType !== 'MultiTenant' && tenantId === undefined) {
    throw new ConfigError(`MicrosoftAppTenantId is required when MicrosoftAppType is ${appType}`);
  }
  return { appId, appPassword, appType, tenantId, endpoints: authEndpoints(env) };
}

/**
 * Local mode has no authentication: anyone who reaches the port acts as whoever they claim. Against
 * the embedded sandbox that costs nothing; against a real helpdesk it needs a loud, explicit yes.
 */
function checkLocalMode(env: Env, bot: BotAuthConfig | undefined, baseUrl: string | undefined): void {
  if (bot !== undefined || baseUrl === undefined) return;
  if (oneOf(env, 'ALLOW_LOCAL_MODE_WITH_LIVE_API', ['true', 'false'] as const) === 'true') return;
  throw new ConfigError('TICKETING_BASE_URL (or TICKETING_REGION) is set but MicrosoftAppId is not: set the bot\'s credentials, or ALLOW_LOCAL_MODE_WITH_LIVE_API=true to let anyone who reaches this port act on the real helpdesk');
}

/** A Key Vault secret name: letters, digits and dashes. */
function secretName(env: Env, name: string, fallback: string | undefined): string | undefined {
  const raw = read(env, name) ?? fallback;
  if (raw !== undefined && !/^[0-9A-Za-z-]{1,127}$/.test(raw)) {
    throw new ConfigError(`${name} must be a Key Vault secret name: letters, digits and dashes (got "${raw}")`);
  }
  return raw;
}

function keyVault(env: Env, hasApi: boolean, hasKeys: boolean): KeyVaultConfig | undefined {
  const url = httpUrl(env, 'TICKETING_KEY_VAULT_URL');
  if (url === undefined) return undefined;
  if (!url.startsWith('https://')) throw new ConfigError('TICKETING_KEY_VAULT_URL must be an https URL such as https://contoso-tickets-kv.vault.azure.net');
  if (!hasApi) throw new ConfigError('TICKETING_KEY_VAULT_URL is set but TICKETING_BASE_URL and TICKETING_REGION are not: the keys are for the live API');
  if (hasKeys) throw new ConfigError('TICKETING_KEY_VAULT_URL is set, so TICKETING_API_KEY and TICKETING_READONLY_KEY must not be: the keys come from the vault');
  return {
    url,
    apiKeySecret: secretName(env, 'TICKETING_API_KEY_SECRET', 'ticketing-api-key')!,
    readOnlyKeySecret: secretName(env, 'TICKETING_READONLY_KEY_SECRET', undefined),
    refreshMs: integer(env, 'TICKETING_KEY_REFRESH_S', 300, 10, 86_400) * 1000,
  };
}

/**
 * The embedded sandbox serves invented tickets: it runs in local mode, or when asked for by name
 * (TICKETING_SANDBOX=on), never by default for a bot with Teams credentials.
 */
function checkSandbox(env: Env, hasApi: boolean, hasBot: boolean): void {
  const sandbox = oneOf(env, 'TICKETING_SANDBOX', ['on', 'off'] as const);
  if (hasApi && sandbox === 'on') throw new ConfigError('TICKETING_SANDBOX=on cannot be used with TICKETING_BASE_URL or TICKETING_REGION: choose one');
  if (hasApi) return;
  if (sandbox === 'off') throw new ConfigError('TICKETING_BASE_URL or TICKETING_REGION is required when TICKETING_SANDBOX=off');
  if (hasBot && sandbox !== 'on') {
    throw new ConfigError('TICKETING_BASE_URL or TICKETING_REGION is required when MicrosoftAppId is set (TICKETING_SANDBOX=on serves the embedded sandbox\'s invented tickets instead)');
  }
}

/** REDIS_URL and TICKETING_REPLICAS: the state several replicas share. */
function redisConfig(env: Env): RedisConfig | undefined {
  const replicas = integer(env, 'TICKETING_REPLICAS', 1, 1, 100);
  const raw = read(env, 'REDIS_URL');
  if (raw === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  // The message never repeats the value: it may hold the Redis password.
  if (url === undefined || (url.protocol !== 'redis:' && url.protocol !== 'rediss:')) {
    throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL such as rediss://:password@contoso.redis.cache.windows.net:6380');
  }
  return { url: raw, replicas };
}

/** Report and export settings. */
function reportsConfig(env: Env): ReportsConfig {
  const exportSecret = read(env, 'EXPORT_SIGNING_SECRET');
  // The message never repeats the value: it is a secret.
  if (exportSecret !== undefined && Buffer.byteLength(exportSecret) < 32) throw new ConfigError('EXPORT_SIGNING_SECRET must be at least 32 characters (e.g. openssl rand -base64 32)');
  // App Service sets WEBSITE_HOSTNAME to the app's own host name.
  const domain = read(env, 'WEBSITE_HOSTNAME');
  const publicUrl = httpUrl(env, 'BOT_PUBLIC_URL', 'https://tickets-bot.azurewebsites.net') ?? (domain === undefined ? undefined : `https://${domain}`);
  return {
    cacheTtlMs: integer(env, 'REPORT_CACHE_S', 300, 0, 3600) * 1000,
    maxTickets: integer(env, 'REPORT_MAX_TICKETS', 5000, 1000, 100_000),
    exportTtlMs: integer(env, 'EXPORT_LINK_TTL_S', 300, 30, 900) * 1000,
    ...(exportSecret === undefined ? {} : { exportSecret }),
    ...(publicUrl === undefined ? {} : { publicUrl }),
  };
}

/** Reads and validates the whole configuration; throws ConfigError on the first bad value. */
export function loadConfig(env: Env = process.env): Config {
  const region = oneOf(env, 'TICKETING_REGION', Object.keys(REGION_BASE_URLS) as Region[]);
  const baseUrl = httpUrl(env, 'TICKETING_BASE_URL') ?? (region ? REGION_BASE_URLS[region] : undefined);
  const apiKey = read(env, 'TICKETING_API_KEY');
  const readOnlyKey = read(env, 'TICKETING_READONLY_KEY');
  const vault = keyVault(env, baseUrl !== undefined, apiKey !== undefined || readOnlyKey !== undefined);
  if (baseUrl !== undefined && apiKey === undefined && readOnlyKey === undefined && vault === undefined) {
    throw new ConfigError('TICKETING_API_KEY (or TICKETING_READONLY_KEY) is required when TICKETING_BASE_URL or TICKETING_REGION is set, unless TICKETING_KEY_VAULT_URL names a Key Vault that holds it');
  }
  const bot = botAuth(env);
  checkSandbox(env, baseUrl !== undefined, bot !== undefined);
  checkLocalMode(env, bot, baseUrl);
  return {
    port: integer(env, 'PORT', 3978, 1, 65535),
    host: read(env, 'HOST') ?? (bot ? '0.0.0.0' : '127.0.0.1'),
    // With credentials, Teams' redeliveries after a restart must not write twice: keep the claims on disk.
    stateDir: read(env, 'STATE_DIR') ?? (bot ? join(tmpdir(), 'tickets-bot') : undefined),
    ticketing: {
      baseUrl,
      apiKey,
      readOnlyKey,
      ...(vault ? { keyVault: vault } : {}),
      timezoneDefault: integer(env, 'TICKETING_TIMEZONE_DEFAULT', 0, -12, 14),
      rateLimit: {
        limit: integer(env, 'TICKETING_RATE_LIMIT', 100, 1, 100_000),
        windowMs: integer(env, 'TICKETING_RATE_WINDOW_S', 60, 1, 3600) * 1000,
      },
      dialect: oneOf(env, 'TICKETING_DIALECT', ['live', 'documented'] as const) ?? 'live',
    },
    bot,
    allowedTenants: allowedTenants(env, bot),
    linkDomains: domains(env, 'TICKET_LINK_DOMAINS', ['*.teamswork.app']),
    playground: oneOf(env, 'PLAYGROUND', ['on', 'off'] as const) !== 'off',
    logFormat: oneOf(env, 'LOG_FORMAT', ['json', 'text'] as const) ?? (bot ? 'json' : 'text'),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS) ?? 'info',
    stopGraceMs: integer(env, 'STOP_GRACE_S', 4, 0, 600) * 1000,
    redis: redisConfig(env),
    reports: reportsConfig(env),
    notify: {
      budgetPercent: integer(env, 'NOTIFY_BUDGET_PERCENT', 10, 0, 50),
      pollMs: integer(env, 'NOTIFY_POLL_S', 15, 1, 3600) * 1000,
    },
    roles: helpdeskRoles(env),
  };
}

function helpdeskRoles(env: Env): HelpdeskRoles {
  const agents = (read(env, 'HELPDESK_AGENTS') ?? '').split(',').map((a) => a.trim().toLowerCase()).filter((a) => a !== '');
  const wrong = agents.find((a) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a) && !isUuid(a));
  if (wrong !== undefined) {
    throw new ConfigError(`HELPDESK_AGENTS must list email addresses or Azure AD object ids, comma-separated; "${wrong.slice(0, 60)}" is neither`);
  }
  return { enforced: oneOf(env, 'HELPDESK_ROLES', ['on', 'off'] as const) !== 'off', agents };
}
