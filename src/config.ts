import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError, oneOf, setting, showing, text, wholeNumber, type Env, type Setting } from './settings.js';
import { DIALECTS } from './ticketing/types.js';
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

export const LOG_FORMATS = ['json', 'text'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
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

/** An http(s) URL, trailing slashes dropped; the words never repeat it, as it may carry a key. */
function httpUrl(example: string = REGION_BASE_URLS.us): Setting<string> {
  return z.string()
    .refine((raw) => ['http:', 'https:'].includes(URL.parse(raw)?.protocol ?? ''), `must be an http(s) URL such as ${example}`)
    // A key pasted into the URL would end up in logs; it belongs in TICKETING_API_KEY. (No URL at all is the check above's.)
    .refine((raw) => { const url = URL.parse(raw); return !url?.search && !url?.username && !url?.password; },
      'must not carry a query string or a user name and password; put the key in TICKETING_API_KEY')
    .transform((raw) => raw.replace(/\/+$/, ''));
}

const VAULT_EXAMPLE = 'https://contoso-tickets-kv.vault.azure.net';
const vaultUrl: Setting<string> = httpUrl(VAULT_EXAMPLE).refine((url) => url.startsWith('https://'), `must be an https URL such as ${VAULT_EXAMPLE}`);

/** A comma-separated list, trimmed and lower-cased, blanks dropped. */
const commaList = z.string().transform((raw) => raw.split(',').map((item) => item.trim().toLowerCase()).filter((item) => item !== ''));

const HOST_NAMES = 'must be comma-separated host names such as *.teamswork.app,tickets.contoso.com';
const hostNames: Setting<string[]> = commaList.pipe(z.array(z.string().regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/, HOST_NAMES)).nonempty(HOST_NAMES));

const TENANT_IDS = 'must be tenant ids (GUIDs), comma-separated, or *';
const tenantIds: Setting<string[] | '*'> = z.literal('*').or(commaList.pipe(z.array(z.string().refine(isUuid, TENANT_IDS)).nonempty(TENANT_IDS)));

/** Agents by email address or Azure AD object id; the words name the first that is neither, cut short. */
const agentIds: Setting<string[]> = commaList.pipe(z.array(z.string().refine((id) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(id) || isUuid(id),
  (id) => ({ message: `must list email addresses or Azure AD object ids, comma-separated; "${id.slice(0, 60)}" is neither` }))));

const secretName: Setting<string> = z.string()
  .refine((raw) => /^[0-9A-Za-z-]{1,127}$/.test(raw), showing('must be a Key Vault secret name: letters, digits and dashes'));

// The words never repeat the value: it may hold the Redis password.
const redisUrl: Setting<string> = z.string().refine((raw) => ['redis:', 'rediss:'].includes(URL.parse(raw)?.protocol ?? ''),
  'must be a redis:// or rediss:// URL such as rediss://:password@contoso.redis.cache.windows.net:6380');

// The words never repeat the value: it is a secret.
const signingSecret: Setting<string> = z.string().refine((raw) => Buffer.byteLength(raw) >= 32, 'must be at least 32 characters (e.g. openssl rand -base64 32)');

/**
 * Required with credentials: a bot registered in Azure can be reached from any tenant whose
 * people install its app, and the API key would serve them all. A single-tenant app defaults to
 * its own tenant; local mode (Playground, tests) to any.
 */
function allowedTenants(env: Env, bot: BotAuthConfig | undefined): readonly string[] | '*' {
  const tenants = setting(env, 'ALLOWED_TENANTS', tenantIds);
  if (tenants !== undefined) return tenants;
  if (bot === undefined) return '*';
  if (bot.tenantId !== undefined && bot.appType !== 'MultiTenant') return [bot.tenantId.toLowerCase()];
  throw new ConfigError('ALLOWED_TENANTS is required when MicrosoftAppId is set: the tenant ids whose people may use the bot, comma-separated, or * for any');
}

function authEndpoints(env: Env): AuthEndpoints {
  const endpoints: AuthEndpoints = {};
  for (const name of AUTH_ENDPOINT_SETTINGS) {
    const value = setting(env, name, name.endsWith('Url') ? httpUrl('https://login.botframework.com/v1/.well-known/openidconfiguration') : text);
    if (value !== undefined) endpoints[name] = value;
  }
  return endpoints;
}

function botAuth(env: Env): BotAuthConfig | undefined {
  const appId = setting(env, 'MicrosoftAppId', text);
  const appPassword = setting(env, 'MicrosoftAppPassword', text);
  const appType = setting(env, 'MicrosoftAppType', oneOf(APP_TYPES)) ?? 'MultiTenant';
  const tenantId = setting(env, 'MicrosoftAppTenantId', text);
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
  if (setting(env, 'ALLOW_LOCAL_MODE_WITH_LIVE_API', oneOf(['true', 'false'])) === 'true') return;
  throw new ConfigError('TICKETING_BASE_URL (or TICKETING_REGION) is set but MicrosoftAppId is not: set the bot\'s credentials, or ALLOW_LOCAL_MODE_WITH_LIVE_API=true to let anyone who reaches this port act on the real helpdesk');
}

function keyVault(env: Env, hasApi: boolean, hasKeys: boolean): KeyVaultConfig | undefined {
  const url = setting(env, 'TICKETING_KEY_VAULT_URL', vaultUrl);
  if (url === undefined) return undefined;
  if (!hasApi) throw new ConfigError('TICKETING_KEY_VAULT_URL is set but TICKETING_BASE_URL and TICKETING_REGION are not: the keys are for the live API');
  if (hasKeys) throw new ConfigError('TICKETING_KEY_VAULT_URL is set, so TICKETING_API_KEY and TICKETING_READONLY_KEY must not be: the keys come from the vault');
  return {
    url,
    apiKeySecret: setting(env, 'TICKETING_API_KEY_SECRET', secretName) ?? 'ticketing-api-key',
    readOnlyKeySecret: setting(env, 'TICKETING_READONLY_KEY_SECRET', secretName),
    refreshMs: (setting(env, 'TICKETING_KEY_REFRESH_S', wholeNumber(10, 86_400)) ?? 300) * 1000,
  };
}

/**
 * The embedded sandbox serves invented tickets: it runs in local mode, or when asked for by name
 * (TICKETING_SANDBOX=on), never by default for a bot with Teams credentials.
 */
function checkSandbox(env: Env, hasApi: boolean, hasBot: boolean): void {
  const sandbox = setting(env, 'TICKETING_SANDBOX', oneOf(['on', 'off']));
  if (hasApi && sandbox === 'on') throw new ConfigError('TICKETING_SANDBOX=on cannot be used with TICKETING_BASE_URL or TICKETING_REGION: choose one');
  if (hasApi) return;
  if (sandbox === 'off') throw new ConfigError('TICKETING_BASE_URL or TICKETING_REGION is required when TICKETING_SANDBOX=off');
  if (hasBot && sandbox !== 'on') {
    throw new ConfigError('TICKETING_BASE_URL or TICKETING_REGION is required when MicrosoftAppId is set (TICKETING_SANDBOX=on serves the embedded sandbox\'s invented tickets instead)');
  }
}

/** REDIS_URL and TICKETING_REPLICAS: the state several replicas share. */
function redisConfig(env: Env): RedisConfig | undefined {
  const replicas = setting(env, 'TICKETING_REPLICAS', wholeNumber(1, 100)) ?? 1;
  const url = setting(env, 'REDIS_URL', redisUrl);
  return url === undefined ? undefined : { url, replicas };
}

/** Report and export settings. */
function reportsConfig(env: Env): ReportsConfig {
  const exportSecret = setting(env, 'EXPORT_SIGNING_SECRET', signingSecret);
  // App Service sets WEBSITE_HOSTNAME to the app's own host name.
  const domain = setting(env, 'WEBSITE_HOSTNAME', text);
  const publicUrl = setting(env, 'BOT_PUBLIC_URL', httpUrl('https://tickets-bot.azurewebsites.net')) ?? (domain === undefined ? undefined : `https://${domain}`);
  return {
    cacheTtlMs: (setting(env, 'REPORT_CACHE_S', wholeNumber(0, 3600)) ?? 300) * 1000,
    maxTickets: setting(env, 'REPORT_MAX_TICKETS', wholeNumber(1000, 100_000)) ?? 5000,
    exportTtlMs: (setting(env, 'EXPORT_LINK_TTL_S', wholeNumber(30, 900)) ?? 300) * 1000,
    ...(exportSecret === undefined ? {} : { exportSecret }),
    ...(publicUrl === undefined ? {} : { publicUrl }),
  };
}

/** Reads and validates the whole configuration; throws ConfigError on the first bad value. */
export function loadConfig(env: Env = process.env): Config {
  const region = setting(env, 'TICKETING_REGION', oneOf(Object.keys(REGION_BASE_URLS) as Region[]));
  const baseUrl = setting(env, 'TICKETING_BASE_URL', httpUrl()) ?? (region ? REGION_BASE_URLS[region] : undefined);
  const apiKey = setting(env, 'TICKETING_API_KEY', text);
  const readOnlyKey = setting(env, 'TICKETING_READONLY_KEY', text);
  const vault = keyVault(env, baseUrl !== undefined, apiKey !== undefined || readOnlyKey !== undefined);
  if (baseUrl !== undefined && apiKey === undefined && readOnlyKey === undefined && vault === undefined) {
    throw new ConfigError('TICKETING_API_KEY (or TICKETING_READONLY_KEY) is required when TICKETING_BASE_URL or TICKETING_REGION is set, unless TICKETING_KEY_VAULT_URL names a Key Vault that holds it');
  }
  const bot = botAuth(env);
  checkSandbox(env, baseUrl !== undefined, bot !== undefined);
  checkLocalMode(env, bot, baseUrl);
  return {
    port: setting(env, 'PORT', wholeNumber(1, 65535)) ?? 3978,
    host: setting(env, 'HOST', text) ?? (bot ? '0.0.0.0' : '127.0.0.1'),
    // With credentials, Teams' redeliveries after a restart must not write twice: keep the claims on disk.
    stateDir: setting(env, 'STATE_DIR', text) ?? (bot ? join(tmpdir(), 'tickets-bot') : undefined),
    ticketing: {
      baseUrl,
      apiKey,
      readOnlyKey,
      ...(vault ? { keyVault: vault } : {}),
      timezoneDefault: setting(env, 'TICKETING_TIMEZONE_DEFAULT', wholeNumber(-12, 14)) ?? 0,
      rateLimit: {
        limit: setting(env, 'TICKETING_RATE_LIMIT', wholeNumber(1, 100_000)) ?? 100,
        windowMs: (setting(env, 'TICKETING_RATE_WINDOW_S', wholeNumber(1, 3600)) ?? 60) * 1000,
      },
      dialect: setting(env, 'TICKETING_DIALECT', oneOf(DIALECTS)) ?? 'live',
    },
    bot,
    allowedTenants: allowedTenants(env, bot),
    linkDomains: setting(env, 'TICKET_LINK_DOMAINS', hostNames) ?? ['*.teamswork.app'],
    playground: setting(env, 'PLAYGROUND', oneOf(['on', 'off'])) !== 'off',
    logFormat: setting(env, 'LOG_FORMAT', oneOf(LOG_FORMATS)) ?? (bot ? 'json' : 'text'),
    logLevel: setting(env, 'LOG_LEVEL', oneOf(LOG_LEVELS)) ?? 'info',
    stopGraceMs: (setting(env, 'STOP_GRACE_S', wholeNumber(0, 600)) ?? 4) * 1000,
    redis: redisConfig(env),
    reports: reportsConfig(env),
    notify: {
      budgetPercent: setting(env, 'NOTIFY_BUDGET_PERCENT', wholeNumber(0, 50)) ?? 10,
      pollMs: (setting(env, 'NOTIFY_POLL_S', wholeNumber(1, 3600)) ?? 15) * 1000,
    },
    roles: {
      agents: setting(env, 'HELPDESK_AGENTS', agentIds) ?? [],
      enforced: setting(env, 'HELPDESK_ROLES', oneOf(['on', 'off'])) !== 'off',
    },
  };
}
