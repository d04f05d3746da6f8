/**
 * The Microsoft 365 Agents Toolkit files, checked offline: they parse, every file they name exists,
 * every `${{PLACEHOLDER}}` has a value by the step that needs it, the bicep's parameters and
 * outputs match azure.parameters.json and the yml, and the settings given to the app are the ones
 * it reads (and that loadConfig accepts them). No bicep compiler runs offline: the bicep is read as text.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../src/config.js';
import { PROJECT_ROOT } from '../src/projectRoot.js';
import { ignoredByWebApp, webAppIgnorePatterns } from './support/webAppIgnore.js';

const text = (path: string) => readFileSync(join(PROJECT_ROOT, path), 'utf8');
const PLACEHOLDER = /\$\{\{([A-Za-z0-9_]+)\}\}/g;
const placeholders = (source: string) => new Set([...source.matchAll(PLACEHOLDER)].map((m) => m[1]!));

interface Step {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface Project {
  version: string;
  environmentFolderPath: string;
  provision: Step[];
  deploy?: Step[];
  publish?: Step[];
}

const ACTIONS = new Set([
  'teamsApp/create', 'teamsApp/validateManifest', 'teamsApp/zipAppPackage', 'teamsApp/validateAppPackage', 'teamsApp/update',
  'teamsApp/publishAppPackage', 'arm/deploy', 'aadApp/create', 'botFramework/create', 'cli/runNpmCommand',
  'azureAppService/zipDeploy', 'file/createOrUpdateEnvironmentFile',
]);
/** Asked for or filled in by the Toolkit or the person when empty (subscription, resource group, tunnel). */
const FILLED_WHEN_EMPTY = new Set(['AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME', 'RESOURCE_SUFFIX', 'TICKETING_BASE_URL', 'BOT_ENDPOINT', 'BOT_DOMAIN']);
/** Set by the Toolkit itself once signed in. */
const BUILT_IN = new Set(['TEAMS_APP_TENANT_ID']);
/** App Service's own settings, not the app's. */
const PLATFORM_SETTINGS = new Set(['WEBSITE_RUN_FROM_PACKAGE', 'SCM_DO_BUILD_DURING_DEPLOYMENT']);
function envFile(name: string): { values: Map<string, string>; comments: string } {
  const values = new Map<string, string>();
  let comments = '';
  for (const line of text(join('env', name)).split('\n')) {
    if (line.startsWith('#')) comments += `${line}\n`;
    const m = line.match(/^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/);
    if (m) values.set(m[1]!, m[2]!);
  }
  return { values, comments };
}

/** The settings src/config.ts reads from the environment. */
function settingsTheAppReads(): Set<string> {
  return new Set([...text('src/config.ts').matchAll(/\(env, '([A-Za-z_]+)'/g)].map((m) => m[1]!));
}

function bicep(path: string) {
  const source = text(path);
  const params = new Map([...source.matchAll(/^param (\w+) \w+( = .+)?$/gm)].map((m) => [m[1]!, m[2] !== undefined]));
  const outputs = [...source.matchAll(/^output (\w+) \w+ = /gm)].map((m) => m[1]!);
  return { source, params, outputs };
}

const main = parse(text('m365agents.yml')) as Project;
const local = parse(text('m365agents.local.yml')) as Project;
const azure = bicep('infra/azure.bicep');
const parameters = JSON.parse(text('infra/azure.parameters.json')) as { parameters: Record<string, { value: string }> };

describe('Agents Toolkit project files', () => {
  it('parse, name the env folder and use only the Toolkit\'s actions', () => {
    for (const project of [main, local]) {
      assert.equal(project.version, 'v1.11');
      assert.equal(project.environmentFolderPath, './env');
      for (const step of [...project.provision, ...(project.deploy ?? []), ...(project.publish ?? [])]) {
        assert.ok(ACTIONS.has(step.uses), step.uses);
      }
    }
    assert.ok(main.deploy && main.publish, 'm365agents.yml provisions, deploys and publishes');
    assert.deepEqual(main.provision.map((s) => s.uses).slice(0, 2), ['teamsApp/create', 'arm/deploy']);
    assert.ok(local.provision.some((s) => s.uses === 'botFramework/create'), 'the local project registers the bot at the tunnel');
  });

  it('name files that exist', () => {
    for (const project of [main, local]) {
      for (const step of [...project.provision, ...(project.deploy ?? []), ...(project.publish ?? [])]) {
        const w = step.with ?? {};
        const paths = [w.manifestPath, w.ignoreFile, ...((w.templates as Array<{ path: string; parameters: string }> | undefined) ?? []).flatMap((t) => [t.path, t.parameters])];
        for (const path of paths.filter((p): p is string => typeof p === 'string')) assert.ok(existsSync(join(PROJECT_ROOT, path)), path);
      }
    }
  });

  for (const [file, project, envName] of [['m365agents.yml', main, 'dev'], ['m365agents.local.yml', local, 'local']] as const) {
    it(`${file}: every placeholder has a value by the step that needs it (env/.env.${envName}, earlier steps, the manifest, the bicep)`, () => {
      const env = envFile(`.env.${envName}`);
      const known = new Set(BUILT_IN);
      for (const [name, value] of env.values) if (value !== '' || FILLED_WHEN_EMPTY.has(name)) known.add(name);
      // Secrets live in env/.env.<env>.user, which is not committed: its names must be told in the env file.
      const check = (source: string, where: string) => {
        for (const name of placeholders(source)) {
          const told = name.startsWith('SECRET_') && env.comments.includes(`${name}=`);
          assert.ok(known.has(name) || told, `${name} in ${where} has no value at that step`);
        }
      };
      for (const step of [...project.provision, ...(project.deploy ?? []), ...(project.publish ?? [])]) {
        check(JSON.stringify(step.with ?? {}), `${file} ${step.uses}`);
        if (step.uses === 'arm/deploy') check(text('infra/azure.parameters.json'), 'infra/azure.parameters.json');
        if (step.uses === 'teamsApp/zipAppPackage') check(text('manifest/manifest.json'), 'manifest/manifest.json');
        for (const name of Object.values(step.writeToEnvironmentFile ?? {})) known.add(name);
        if (step.uses === 'arm/deploy') for (const name of azure.outputs) known.add(name);
      }
    });
  }

  it('azure.bicep: its parameters are the ones azure.parameters.json gives, and its outputs are kept in env/.env.dev', () => {
    const given = Object.keys(parameters.parameters);
    for (const name of given) assert.ok(azure.params.has(name), `azure.parameters.json gives ${name}, which azure.bicep does not take`);
    for (const [name, hasDefault] of azure.params) assert.ok(hasDefault || given.includes(name), `azure.bicep needs ${name}`);
    assert.match(azure.source, /^@secure\(\)\n@description\('.*'\)\nparam ticketingApiKey string$/m, 'the key is a secure parameter');
    const dev = envFile('.env.dev').values;
    for (const output of azure.outputs) assert.ok(dev.has(output), `output ${output} is not in env/.env.dev`);
    assert.ok(azure.outputs.includes('AZURE_APP_SERVICE_RESOURCE_ID') && azure.outputs.includes('BOT_ID') && azure.outputs.includes('BOT_DOMAIN'));
  });

  it('the bot registration module gets every parameter it needs and no other', () => {
    const registration = bicep('infra/botRegistration/azurebot.bicep');
    const block = azure.source.match(/module azureBotRegistration '\.\/botRegistration\/azurebot\.bicep' = \{[\s\S]*?params: \{([\s\S]*?)\n {2}\}/);
    assert.ok(block);
    const given = [...block[1]!.matchAll(/^\s+(\w+):/gm)].map((m) => m[1]!);
    for (const name of given) assert.ok(registration.params.has(name), name);
    for (const [name, hasDefault] of registration.params) assert.ok(hasDefault || given.includes(name), name);
    assert.match(registration.source, /msaAppType: 'UserAssignedMSI'/);
    assert.match(registration.source, /channelName: 'MsTeamsChannel'/);
  });

  it('the web app is given settings the app reads, which loadConfig accepts, and starts with npm run start:prod on Node 20', () => {
    const settings = [...azure.source.matchAll(/name: '([A-Za-z_]+)'\n\s+value: /g)].map((m) => m[1]!);
    const reads = settingsTheAppReads();
    for (const name of settings) assert.ok(reads.has(name) || PLATFORM_SETTINGS.has(name), `${name} is set but the app does not read it`);
    for (const name of ['MicrosoftAppId', 'MicrosoftAppType', 'MicrosoftAppTenantId', 'TICKETING_KEY_VAULT_URL', 'TICKETING_API_KEY_SECRET']) assert.ok(settings.includes(name), name);

    // What App Service will pass, with the values provisioning gives them.
    const config = loadConfig({
      MicrosoftAppId: '6f4a2f55-0000-4000-8000-00000000b07d', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: '72f988bf-0000-4000-8000-000000000001',
      TICKETING_REGION: 'us', TICKETING_BASE_URL: '', TICKETING_KEY_VAULT_URL: 'https://ticketscontoso1-kv.vault.azure.net/',
      TICKETING_API_KEY_SECRET: azure.source.match(/var apiKeySecretName = '([^']+)'/)![1]!, TICKET_LINK_DOMAINS: '*.teamswork.app', LOG_FORMAT: 'json',
      ALLOWED_TENANTS: '72f988bf-0000-4000-8000-000000000001',
    });
    assert.equal(config.bot?.appType, 'UserAssignedMSI');
    assert.equal(config.bot?.appPassword, undefined, 'no password: the identity is the credential');
    assert.deepEqual(config.ticketing.keyVault, { url: 'https://ticketscontoso1-kv.vault.azure.net', apiKeySecret: 'ticketing-api-key', readOnlyKeySecret: undefined, refreshMs: 300_000 });
    assert.equal(azure.source.match(/var readOnlyKeySecretName = '([^']+)'/)![1], 'ticketing-readonly-key');

    assert.match(azure.source, /appCommandLine: 'npm run start:prod'/);
    const pkg = JSON.parse(text('package.json')) as { scripts: Record<string, string>; engines: { node: string } };
    assert.ok(pkg.scripts['start:prod']);
    assert.match(azure.source, /linuxFxVersion: 'NODE\|20-lts'/);
    assert.match(pkg.engines.node, /^>=20\./);
    assert.match(azure.source, /healthCheckPath: '\/readyz'/);
  });

  it('m365agents.local.yml writes the bot\'s credentials into .env, which npm start reads', () => {
    const write = local.deploy!.find((s) => s.uses === 'file/createOrUpdateEnvironmentFile')!;
    assert.equal(write.with!.target, './.env');
    const reads = settingsTheAppReads();
    for (const name of Object.keys(write.with!.envs as object)) assert.ok(reads.has(name), name);
  });

  it('env files carry package.json\'s version for the manifest', () => {
    const { version } = JSON.parse(text('package.json')) as { version: string };
    for (const name of ['.env.dev', '.env.local']) assert.equal(envFile(name).values.get('APP_VERSION'), version, name);
  });

  it('.webappignore leaves out the sources and settings, and keeps what npm run start:prod needs', () => {
    const patterns = webAppIgnorePatterns();
    for (const p of patterns) assert.match(p, /^[^/\s]+$/, `${p}: top-level names only`);
    for (const kept of ['package.json', 'package-lock.json', 'dist', 'cards', 'node_modules']) assert.equal(ignoredByWebApp(kept, patterns), false, kept);
    for (const left of ['.env', '.env.local', 'src', 'test', 'env', 'infra', 'README.md']) assert.equal(ignoredByWebApp(left, patterns), true, left);
  });
});

describe('.env.example', () => {
  it('lists every setting the app reads, in groups', () => {
    const example = text('.env.example');
    for (const name of settingsTheAppReads()) assert.match(example, new RegExp(`^#? ?${name}=`, 'm'), name);
    for (const group of ['Teams', 'Ticketing API', 'Azure', 'Local']) assert.match(example, new RegExp(`^# --- ${group}`, 'm'), group);
  });
});
