/**
 * `npm run package`: builds appPackage.zip, the Teams app package (manifest.json, color.png,
 * outline.png and the French strings fr.json at the zip's top level), from manifest/ and the environment.
 *
 * manifest/manifest.json is a template: `${{NAME}}` placeholders (see manifest/README.md) are filled
 * from the environment, the result is checked against the official JSON schema bundled in
 * @microsoft/app-manifest (offline) and against the Teams rules the schema does not express, and only
 * then zipped. A bad setting fails with a PackageError whose message is one line naming the variable.
 *
 *   tsx scripts/package.ts [--allow-placeholder-id] [--out <file>]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppManifestUtils, type AppManifest, type TeamsManifestV1D30 } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { PROJECT_ROOT } from '../src/projectRoot.js';

/** The manifest this script writes: the schema version in manifest/manifest.json. */
export type TeamsAppManifest = TeamsManifestV1D30.TeamsManifestV1D30;

export const MANIFEST_DIR = join(PROJECT_ROOT, 'manifest');
export const TEMPLATE_PATH = join(MANIFEST_DIR, 'manifest.json');
export const DEFAULT_OUT = join(PROJECT_ROOT, 'appPackage.zip');
/** The files in the package, all at the zip's top level. */
export const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png', 'fr.json'] as const;
export const PLACEHOLDER_ID = '00000000-0000-0000-0000-000000000000';
/** Teams shows at most 10 commands per bot command list (schemas from 1.24 on allow 12). */
export const MAX_BOT_COMMANDS = 10;

export const DEFAULTS = {
  APP_NAME_SHORT: 'Tickets',
  APP_NAME_FULL: 'Tickets for Teams – helpdesk on Ticketing as a Service',
  APP_WEBSITE_URL: 'https://www.teamswork.app/ticketing-as-a-service',
  APP_PRIVACY_URL: 'https://www.teamswork.app/privacy',
  APP_TERMS_URL: 'https://www.teamswork.app/terms',
  TICKET_LINK_DOMAINS: '*.teamswork.app',
} as const;

export class PackageError extends Error {
  override name = 'PackageError';
}

export type Env = Readonly<Record<string, string | undefined>>;

export interface PackageOptions {
  /** Without MicrosoftAppId, use PLACEHOLDER_ID instead of failing (local validation only). */
  allowPlaceholderId?: boolean;
  /** Instead of package.json's version (tests). */
  version?: string;
  /** Where non-fatal notes go; default console.warn. */
  warn?: (line: string) => void;
}

/** The values the template's placeholders take: a string, or a list spliced into an array. */
export type PlaceholderValues = Record<string, string | string[]>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
/** A host name, optionally `*.` in front, optionally a port; no scheme, path or query. */
const DOMAIN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/i;
const PLACEHOLDER = /\$\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function guid(name: string, value: string): string {
  if (!GUID.test(value)) {
    throw new PackageError(`${name} must be a GUID such as ${PLACEHOLDER_ID.replace(/0/g, '1')} (got "${value}")`);
  }
  return value;
}

function httpsUrl(env: Env, name: keyof typeof DEFAULTS): string {
  const value = read(env, name) ?? DEFAULTS[name];
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:') throw new PackageError(`${name} must be an https:// URL (got "${value}")`);
  return value;
}

function text(env: Env, name: keyof typeof DEFAULTS, maxLength: number): string {
  const value = read(env, name) ?? DEFAULTS[name];
  if (value.length > maxLength) {
    throw new PackageError(`${name} must be at most ${maxLength} characters (got ${value.length}: "${value}")`);
  }
  return value;
}

/**
 * Checks one domain for validDomains / messageHandlers: a host name, optionally `*.` in front. BOT_DOMAIN
 * may also be a single label or carry a port (`localhost:3978`); link domains, like the bot's own
 * TICKET_LINK_DOMAINS setting (src/config.ts), must have two labels or more and no port.
 */
function domain(name: string, value: string, hostOnly: boolean): string {
  const host = value.replace(/:\d+$/, '');
  const hint = hostOnly ? 'such as *.teamswork.app or tickets.contoso.com, comma-separated' : 'such as bot.example.com';
  const refuse = () => new PackageError(`${name} must hold host names ${hint}, without https://, a path${hostOnly ? ' or a port' : ''} (got "${value}")`);
  if (!DOMAIN.test(value)) throw refuse();
  if (host.startsWith('*.') && !host.slice(2).includes('.')) {
    throw new PackageError(`${name} must not use a wildcard on a top-level domain such as *.com (got "${value}")`);
  }
  if (hostOnly && (host !== value || !host.includes('.'))) throw refuse();
  return value.toLowerCase();
}

function domainList(env: Env, name: 'TICKET_LINK_DOMAINS'): string[] {
  const raw = read(env, name) ?? DEFAULTS[name];
  const items = raw.split(',').map((d) => d.trim()).filter((d) => d !== '');
  if (items.length === 0) throw new PackageError(`${name} must list at least one domain, comma-separated (got "${raw}")`);
  return [...new Set(items.map((d) => domain(name, d, true)))];
}

/** package.json's version; Teams wants plain x.y.z. */
export function readPackageVersion(root: string = PROJECT_ROOT): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
  return String(pkg.version ?? '');
}

/** Reads and checks every setting the template needs; throws PackageError on the first bad one. */
export function placeholderValues(env: Env, options: PackageOptions = {}): PlaceholderValues {
  const warn = options.warn ?? ((line: string) => console.warn(line));
  const rawBotId = read(env, 'MicrosoftAppId');
  let botId: string;
  if (rawBotId !== undefined) {
    botId = guid('MicrosoftAppId', rawBotId);
  } else if (options.allowPlaceholderId) {
    botId = PLACEHOLDER_ID;
    warn(`MicrosoftAppId is not set: using the placeholder id ${PLACEHOLDER_ID}; this package is for local validation only, Teams will not run it`);
  } else {
    throw new PackageError('MicrosoftAppId is not set: the Teams app package needs the bot\'s Microsoft App ID (or pass --allow-placeholder-id for a local validation build)');
  }
  const rawAppId = read(env, 'TEAMS_APP_ID');
  const teamsAppId = rawAppId === undefined ? botId : guid('TEAMS_APP_ID', rawAppId);

  const version = options.version ?? readPackageVersion();
  if (!VERSION.test(version)) {
    throw new PackageError(`package.json version must be x.y.z, three whole numbers, for Teams (got "${version}")`);
  }

  const botDomain = read(env, 'BOT_DOMAIN');
  return {
    TEAMS_APP_ID: teamsAppId,
    BOT_ID: botId,
    APP_VERSION: version,
    APP_NAME_SHORT: text(env, 'APP_NAME_SHORT', 30),
    APP_NAME_FULL: text(env, 'APP_NAME_FULL', 100),
    APP_WEBSITE_URL: httpsUrl(env, 'APP_WEBSITE_URL'),
    APP_PRIVACY_URL: httpsUrl(env, 'APP_PRIVACY_URL'),
    APP_TERMS_URL: httpsUrl(env, 'APP_TERMS_URL'),
    BOT_DOMAIN: botDomain === undefined ? [] : [domain('BOT_DOMAIN', botDomain, false)],
    TICKET_LINK_DOMAINS: domainList(env, 'TICKET_LINK_DOMAINS'),
  };
}

/**
 * Fills `${{NAME}}` placeholders in a parsed template. A string value replaces its placeholder inside
 * any string; a list value may only stand alone as an array element, which it replaces with its items
 * (none, for an empty list); an array that received list items is then de-duplicated, ignoring case.
 */
export function fillTemplate(template: unknown, values: PlaceholderValues, path = '$'): unknown {
  if (typeof template === 'string') {
    return template.replace(PLACEHOLDER, (_, name: string) => {
      const value = values[name];
      if (value === undefined) throw new PackageError(`manifest template: ${path} uses \${{${name}}}, which has no value`);
      if (Array.isArray(value)) {
        throw new PackageError(`manifest template: ${path} uses the list \${{${name}}} inside a string; put it alone as an array item`);
      }
      return value;
    });
  }
  if (Array.isArray(template)) {
    const out: unknown[] = [];
    let spliced = false;
    template.forEach((item, i) => {
      const alone = typeof item === 'string' ? /^\$\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}$/.exec(item) : null;
      const listValue = alone ? values[alone[1]!] : undefined;
      if (Array.isArray(listValue)) {
        out.push(...listValue);
        spliced = true;
      } else {
        out.push(fillTemplate(item, values, `${path}[${i}]`));
      }
    });
    if (spliced && out.every((v) => typeof v === 'string')) {
      const seen = new Set<string>();
      return (out as string[]).filter((v) => !seen.has(v.toLowerCase()) && Boolean(seen.add(v.toLowerCase())));
    }
    return out;
  }
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fillTemplate(v, values, `${path}.${k}`)]));
  }
  return template;
}

export function readTemplate(path: string = TEMPLATE_PATH): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

/** The filled manifest, not yet validated. */
export function renderManifest(env: Env, options: PackageOptions = {}): TeamsAppManifest {
  return fillTemplate(readTemplate(), placeholderValues(env, options)) as TeamsAppManifest;
}

// --- Validation -------------------------------------------------------------------------------------

const require = createRequire(import.meta.url);

/** Path of the JSON schema for `manifestVersion` bundled in @microsoft/app-manifest. */
export function bundledSchemaPath(manifestVersion: string): string {
  const root = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return join(root, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

/** The schema type AppManifestUtils takes (Ajv's), without depending on ajv directly. */
type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

const schemas = new Map<string, ManifestSchema>();

/**
 * A bundled schema (the manifest's, or `file` of the same version), read from disk (never fetched),
 * cleaned the way @microsoft/app-manifest does.
 */
export function loadBundledSchema(manifestVersion: string, file = 'MicrosoftTeams.schema.json'): ManifestSchema {
  let schema = schemas.get(`${manifestVersion}/${file}`);
  if (!schema) {
    let raw: string;
    try {
      raw = readFileSync(join(dirname(bundledSchemaPath(manifestVersion)), file), 'utf8');
    } catch {
      throw new PackageError(`manifestVersion ${manifestVersion} has no schema bundled in @microsoft/app-manifest`);
    }
    // Some published schemas hold regex escapes (\a, \v) that JSON.parse and Ajv reject; the localization
    // schema's `\b]` is an unescaped bracket, which Ajv's unicode regexes refuse.
    schema = JSON.parse(raw.replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b').replace(/\\\\b\]/g, '\\\\b\\\\]')) as ManifestSchema;
    schemas.set(`${manifestVersion}/${file}`, schema);
  }
  return schema;
}

/** Errors against the official JSON schema for the manifest's own manifestVersion (offline). */
export async function schemaErrors(manifest: unknown): Promise<string[]> {
  const version = (manifest as { manifestVersion?: unknown } | null)?.manifestVersion;
  if (typeof version !== 'string') return ['/manifestVersion is missing'];
  return AppManifestUtils.validateAgainstSchema(manifest as AppManifest, loadBundledSchema(version));
}

/** Teams rules this app keeps that the JSON schema does not express. */
export function ruleErrors(manifest: TeamsAppManifest): string[] {
  const errors: string[] = [];
  manifest.bots?.forEach((bot, b) => {
    bot.commandLists?.forEach((list, l) => {
      if (list.commands.length > MAX_BOT_COMMANDS) {
        errors.push(`/bots/${b}/commandLists/${l}/commands has ${list.commands.length} commands; Teams shows at most ${MAX_BOT_COMMANDS}`);
      }
    });
  });
  const ids = new Set<string>();
  manifest.composeExtensions?.forEach((ext, e) => {
    ext.commands?.forEach((command, c) => {
      if (ids.has(command.id)) errors.push(`/composeExtensions/${e}/commands/${c}/id "${command.id}" is used twice`);
      ids.add(command.id);
    });
  });
  for (const unfilled of JSON.stringify(manifest).match(PLACEHOLDER) ?? []) errors.push(`placeholder ${unfilled} was not filled`);
  return errors;
}

/** Every problem with a filled manifest: schema errors, then rule errors. Empty when it is valid. */
export async function validateManifest(manifest: TeamsAppManifest): Promise<string[]> {
  const errors = await schemaErrors(manifest);
  return errors.length > 0 ? errors : ruleErrors(manifest);
}

/** A localization file: manifest fields by path (`name.short`, `bots[0].commandLists[0].commands[1].title`) → text. */
export type LocalizedStrings = Record<string, string>;

/** The localization files the manifest names (`localizationInfo.additionalLanguages`), by file name. */
export function localizationFiles(manifest: TeamsAppManifest): string[] {
  return (manifest.localizationInfo?.additionalLanguages ?? []).map((language) => language.file);
}

/** A localization file of manifest/, its placeholders filled as the manifest's are. */
export function renderLocalization(file: string, env: Env, options: PackageOptions = {}): LocalizedStrings {
  return fillTemplate(readTemplate(join(MANIFEST_DIR, file)), placeholderValues(env, options)) as LocalizedStrings;
}

/** The value at a localization key's path in the manifest, e.g. `composeExtensions[0].commands[1].title`. */
function valueAt(manifest: TeamsAppManifest, path: string): unknown {
  let value: unknown = manifest;
  for (const step of path.match(/[^.[\]]+/g) ?? []) {
    value = value !== null && typeof value === 'object' && Object.hasOwn(value, step) ? (value as Record<string, unknown>)[step] : undefined;
  }
  return value;
}

/**
 * Problems with a localization file: errors against the bundled localization schema (offline), a
 * key naming no text of the manifest, or a text of the manifest's commands left untranslated.
 */
export async function localizationErrors(manifest: TeamsAppManifest, strings: LocalizedStrings, file: string): Promise<string[]> {
  const schema = loadBundledSchema(manifest.manifestVersion, 'MicrosoftTeams.Localization.schema.json');
  const errors = (await AppManifestUtils.validateAgainstSchema(strings as unknown as AppManifest, schema)).map((e) => `${file}: ${e}`);
  for (const key of Object.keys(strings)) {
    if (key !== '$schema' && typeof valueAt(manifest, key) !== 'string') errors.push(`${file}: "${key}" is no text of the manifest`);
  }
  const texts = [
    ...(manifest.bots ?? []).flatMap((bot, b) => (bot.commandLists ?? []).flatMap((list, l) => list.commands.flatMap((_, c) =>
      ['title', 'description'].map((field) => `bots[${b}].commandLists[${l}].commands[${c}].${field}`)))),
    ...(manifest.composeExtensions ?? []).flatMap((ext, e) => (ext.commands ?? []).flatMap((command, c) => [
      `composeExtensions[${e}].commands[${c}].title`, `composeExtensions[${e}].commands[${c}].description`,
      ...(command.parameters ?? []).flatMap((_, p) => ['title', 'description'].map((field) => `composeExtensions[${e}].commands[${c}].parameters[${p}].${field}`)),
    ])),
  ];
  for (const key of texts) if (!Object.hasOwn(strings, key)) errors.push(`${file}: "${key}" is not translated`);
  return errors;
}

/** Size and colour rules for the two icons; returns problems, empty when they are fine. */
export function iconErrors(color: Buffer, outline: Buffer): string[] {
  const errors: string[] = [];
  const c = PNG.sync.read(color);
  if (c.width !== 192 || c.height !== 192) errors.push(`color.png must be 192×192 (is ${c.width}×${c.height})`);
  const o = PNG.sync.read(outline);
  if (o.width !== 32 || o.height !== 32) errors.push(`outline.png must be 32×32 (is ${o.width}×${o.height})`);
  for (let i = 0; i < o.data.length; i += 4) {
    const alpha = o.data[i + 3]!;
    const white = o.data[i] === 255 && o.data[i + 1] === 255 && o.data[i + 2] === 255;
    if (alpha !== 0 && !(white && alpha === 255)) {
      const p = i / 4;
      errors.push(`outline.png must be only white and fully transparent pixels (pixel ${p % o.width},${Math.floor(p / o.width)} is not)`);
      break;
    }
  }
  return errors;
}

// --- The package ------------------------------------------------------------------------------------

/** Zip entries get this date, so the same inputs give the same bytes. */
const ZIP_DATE = new Date('2020-01-01T00:00:00Z');

/** Renders and validates the manifest, checks the icons, and zips the three files. Throws PackageError. */
export async function buildAppPackageWithManifest(env: Env, options: PackageOptions = {}): Promise<{ zip: Buffer; manifest: TeamsAppManifest }> {
  const manifest = renderManifest(env, options);
  const errors = await validateManifest(manifest);
  if (errors.length > 0) {
    throw new PackageError(`manifest.json is not valid: ${errors.join('; ')}`);
  }
  const color = readFileSync(join(MANIFEST_DIR, manifest.icons.color));
  const outline = readFileSync(join(MANIFEST_DIR, manifest.icons.outline));
  const iconProblems = iconErrors(color, outline);
  if (iconProblems.length > 0) throw new PackageError(`${iconProblems.join('; ')} (run tsx scripts/icons.ts)`);
  const localized = localizationFiles(manifest).map((name) => ({ name, strings: renderLocalization(name, env, { ...options, warn: () => {} }) }));
  for (const { name, strings } of localized) {
    const problems = await localizationErrors(manifest, strings, name);
    if (problems.length > 0) throw new PackageError(`${name} is not valid: ${problems.join('; ')}`);
  }

  const zip = new JSZip();
  const file = { date: ZIP_DATE, createFolders: false };
  zip.file('manifest.json', JSON.stringify(manifest, null, 2) + '\n', file);
  zip.file('color.png', color, file);
  zip.file('outline.png', outline, file);
  for (const { name, strings } of localized) zip.file(name, JSON.stringify(strings, null, 2) + '\n', file);
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'DOS' });
  return { zip: bytes, manifest };
}

/** The zip's bytes: manifest.json, color.png and outline.png at the top level. Throws PackageError. */
export async function buildAppPackage(env: Env, options: PackageOptions = {}): Promise<Buffer> {
  return (await buildAppPackageWithManifest(env, options)).zip;
}

export interface CliResult {
  code: number;
  out: string[];
  err: string[];
}

/** The command line, without touching process: returns what to print and the exit code. */
export async function runCli(argv: readonly string[], env: Env): Promise<CliResult & { zip?: Buffer; path?: string }> {
  const out: string[] = [];
  const err: string[] = [];
  let path = DEFAULT_OUT;
  let allowPlaceholderId = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--allow-placeholder-id') allowPlaceholderId = true;
    else if (arg === '--out' && argv[i + 1] !== undefined) path = resolve(argv[++i]!);
    else return { code: 2, out, err: [`Unknown argument ${arg}. Usage: tsx scripts/package.ts [--allow-placeholder-id] [--out <file>]`] };
  }
  try {
    const warn = (line: string) => err.push(`Warning: ${line}`);
    const { zip, manifest } = await buildAppPackageWithManifest(env, { allowPlaceholderId, warn });
    out.push(`Wrote ${path}`);
    out.push(`Teams app id ${manifest.id}, bot id ${manifest.bots?.[0]?.botId}, version ${manifest.version}, manifest ${manifest.manifestVersion}`);
    return { code: 0, out, err, zip, path };
  } catch (error) {
    if (error instanceof PackageError) return { code: 1, out, err: [...err, `Package error: ${error.message}`] };
    throw error;
  }
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const result = await runCli(process.argv.slice(2), process.env);
  if (result.zip && result.path) writeFileSync(result.path, result.zip);
  for (const line of result.err) console.error(line);
  for (const line of result.out) console.log(line);
  process.exitCode = result.code;
}
