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

export const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
export type AppType = (typeof APP_TYPES)[number];

export interface BotAuthConfig {
  appId: string;
  appPassword?: string;
  appType: AppType;
  tenantId?: string;
}

export interface Config {
  port: number;
  ticketing: {
    /** Unset: run and use the embedded sandbox. */
    baseUrl?: string;
    apiKey?: string;
    readOnlyKey?: string;
    timezoneDefault: number;
    rateLimit: { limit: number; windowMs: number };
    /** The forms writes are sent in: `live` (the running service, default) or `documented` (the vendor's page). */
    dialect: 'live' | 'documented';
  };
  /** Unset: local mode, no Bot Framework authentication (Agents Playground, tests). */
  bot?: BotAuthConfig;
  /** Hosts whose ticket links unfurl into ticket cards (`*.` for any subdomain). */
  linkDomains: string[];
  /** In local mode, start the Microsoft 365 Agents Playground beside the bot (PLAYGROUND=off: not). */
  playground: boolean;
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

function httpUrl(env: Env, name: string): string | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL such as ${REGION_BASE_URLS.us}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${name} must be an http(s) URL such as ${REGION_BASE_URLS.us}`);
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
  return { appId, appPassword, appType, tenantId };
}

/** Reads and validates the whole configuration; throws ConfigError on the first bad value. */
export function loadConfig(env: Env = process.env): Config {
  const region = oneOf(env, 'TICKETING_REGION', Object.keys(REGION_BASE_URLS) as Region[]);
  const baseUrl = httpUrl(env, 'TICKETING_BASE_URL') ?? (region ? REGION_BASE_URLS[region] : undefined);
  const apiKey = read(env, 'TICKETING_API_KEY');
  const readOnlyKey = read(env, 'TICKETING_READONLY_KEY');
  if (baseUrl !== undefined && apiKey === undefined && readOnlyKey === undefined) {
    throw new ConfigError('TICKETING_API_KEY (or TICKETING_READONLY_KEY) is required when TICKETING_BASE_URL or TICKETING_REGION is set');
  }
  return {
    port: integer(env, 'PORT', 3978, 1, 65535),
    ticketing: {
      baseUrl,
      apiKey,
      readOnlyKey,
      timezoneDefault: integer(env, 'TICKETING_TIMEZONE_DEFAULT', 0, -12, 14),
      rateLimit: {
        limit: integer(env, 'TICKETING_RATE_LIMIT', 100, 1, 100_000),
        windowMs: integer(env, 'TICKETING_RATE_WINDOW_S', 60, 1, 3600) * 1000,
      },
      dialect: oneOf(env, 'TICKETING_DIALECT', ['live', 'documented'] as const) ?? 'live',
    },
    bot: botAuth(env),
    linkDomains: domains(env, 'TICKET_LINK_DOMAINS', ['*.teamswork.app']),
    playground: oneOf(env, 'PLAYGROUND', ['on', 'off'] as const) !== 'off',
  };
}
